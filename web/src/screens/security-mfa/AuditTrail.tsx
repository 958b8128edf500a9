import { useEffect, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Page';
import { type AuditEvent, describeEvent } from './audit-words';

/** The audit trail, newest first, a page at a time ("Show older events"). */
export function AuditTrail({ accountId, version }: { accountId: string; version: number }) {
  const i18n = useI18n();
  const { m } = i18n;
  const [events, setEvents] = useState<AuditEvent[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();

  const load = async (from: string | null) => {
    setPending(true);
    const result = await outcome(
      api().GET('/v1/accounts/{accountId}/audit-events', {
        params: { path: { accountId }, query: from ? { cursor: from } : {} },
      }),
    );
    setPending(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setEvents((before) => [...(from && before ? before : []), ...result.data.events]);
    setCursor(result.data.nextCursor);
  };

  // `version` is the signal to reload.
  useEffect(() => {
    void load(null);
  }, [accountId, version]);

  return (
    <Card>
      <h2>{m.security.auditTitle}</h2>
      <p class="muted">{m.security.auditIntro}</p>
      {problem ? <Alert>{i18n.problem(problem)}</Alert> : null}
      {events === undefined ? (
        problem ? null : (
          <p class="muted">{m.app.loading}</p>
        )
      ) : events.length === 0 ? (
        <p class="muted">{m.security.auditEmpty}</p>
      ) : (
        <ol class="events">
          {events.map((event, index) => {
            const { title, detail } = describeEvent(i18n, event);
            return (
              <li key={`${index}-${event.at}`}>
                <div class="event-title">{title}</div>
                {detail ? <div class="event-detail">{detail}</div> : null}
                <div class="event-meta">
                  <span>{event.actor === 'system' ? m.security.system : event.actor}</span>
                  <span aria-hidden="true"> · </span>
                  <time dateTime={event.at}>{i18n.dateTime(event.at)}</time>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {cursor ? (
        <div class="row">
          <Button variant="secondary" busy={pending} disabled={pending} onClick={() => load(cursor)}>
            {m.security.auditMore}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
