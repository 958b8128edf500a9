import { useEffect, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { Alert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Card } from '../../ui/Page';

type Invitation = components['schemas']['ListInvitationsResponse']['invitations'][number];
type Status = Invitation['status'];
type Filter = Status | 'all';
const FILTERS: readonly Filter[] = ['pending', 'used', 'expired', 'revoked', 'all'];

/** The account's invitations, newest first, by status; a pending one can be resent or revoked. */
export function InvitationsList({
  accountId,
  version,
  onChanged,
  nameOf,
}: {
  accountId: string;
  /** Bumped when an invitation was sent elsewhere on the page. */
  version: number;
  onChanged: () => void;
  /** Who an inviter (a user id) is, in words. */
  nameOf: (userId: string) => string;
}) {
  const i18n = useI18n();
  const { m, fill } = i18n;
  const [filter, setFilter] = useState<Filter>('pending');
  const [invitations, setInvitations] = useState<Invitation[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [revoking, setRevoking] = useState<Invitation | undefined>();

  const load = async (from: string | null) => {
    setLoading(true);
    const query = { ...(filter === 'all' ? {} : { status: filter }), ...(from ? { cursor: from } : {}) };
    const result = await outcome(
      api().GET('/v1/accounts/{accountId}/invitations', { params: { path: { accountId }, query } }),
    );
    setLoading(false);
    if (!result.ok) return setProblem(result.problem);
    setInvitations((before) => [...(from && before ? before : []), ...result.data.invitations]);
    setCursor(result.data.nextCursor);
  };

  useEffect(() => {
    void load(null);
  }, [accountId, version, filter]);

  const path = (invitation: Invitation) => ({
    params: { path: { accountId, invitationId: invitation.invitationId } },
  });

  const resend = async (invitation: Invitation) => {
    setBusy(invitation.invitationId);
    setProblem(undefined);
    setDone(undefined);
    const result = await outcome(
      api().POST('/v1/accounts/{accountId}/invitations/{invitationId}/resend', path(invitation)),
    );
    setBusy(undefined);
    if (!result.ok) return setProblem(result.problem);
    const { invitationId, expiresAt } = result.data;
    // Shown as answered (a list read right after a write may not show it yet).
    setInvitations((before) =>
      before?.map((i) =>
        i.invitationId === invitation.invitationId ? { ...i, invitationId, expiresAt, status: 'pending' } : i,
      ),
    );
    setDone(fill(m.invitations.resent, { email: result.data.email, date: i18n.date(expiresAt) }));
    onChanged();
  };

  const revoke = async (invitation: Invitation) => {
    setBusy(invitation.invitationId);
    setProblem(undefined);
    setDone(undefined);
    const result = await outcome(
      api().DELETE('/v1/accounts/{accountId}/invitations/{invitationId}', path(invitation)),
    );
    setBusy(undefined);
    setRevoking(undefined);
    if (!result.ok) return setProblem(result.problem);
    setInvitations((before) =>
      filter === 'pending'
        ? before?.filter((i) => i.invitationId !== invitation.invitationId)
        : before?.map((i) => (i.invitationId === invitation.invitationId ? { ...i, status: 'revoked' } : i)),
    );
    setDone(fill(m.invitations.revoked, { email: invitation.email }));
    onChanged();
  };

  return (
    <Card>
      <div class="card-head">
        <h2>{m.invitations.title}</h2>
        <div class="field field-inline">
          <label for="invitation-filter">{m.invitations.show}</label>
          <select
            id="invitation-filter"
            class="select-small"
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value as Filter)}
          >
            {FILTERS.map((value) => (
              <option key={value} value={value}>
                {m.invitations.filters[value]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <StatusRegion>{done}</StatusRegion>
      {problem ? <Alert>{i18n.problem(problem)}</Alert> : null}
      {invitations === undefined ? (
        problem ? null : (
          <p class="muted">{m.app.loading}</p>
        )
      ) : invitations.length === 0 ? (
        <p class="muted">{m.invitations.none}</p>
      ) : (
        <ul class="item-list" aria-label={m.invitations.title}>
          {invitations.map((invitation) => {
            const pending = busy === invitation.invitationId;
            return (
              <li key={invitation.invitationId} class="item item-invitation">
                <div class="item-main">
                  <div class="item-title">{invitation.email}</div>
                  <div class="badges">
                    <span class="badge">{m.security.roles[invitation.role]}</span>
                    <span class={`badge badge-${invitation.status}`}>
                      {m.invitations.status[invitation.status]}
                    </span>
                  </div>
                  <div class="item-meta">
                    {fill(m.invitations.sentBy, {
                      who: nameOf(invitation.invitedBy),
                      date: i18n.dateTime(invitation.createdAt),
                    })}
                    {invitation.status === 'pending' ? (
                      <>
                        <span aria-hidden="true"> · </span>
                        {fill(m.invitations.expires, { date: i18n.date(invitation.expiresAt) })}
                      </>
                    ) : null}
                  </div>
                </div>
                {invitation.status === 'pending' || invitation.status === 'expired' ? (
                  <div class="item-actions">
                    <Button
                      variant="secondary"
                      busy={pending}
                      disabled={busy !== undefined}
                      onClick={() => resend(invitation)}
                    >
                      {m.invitations.resend}
                    </Button>
                    {invitation.status === 'pending' ? (
                      <Button
                        variant="quiet"
                        disabled={busy !== undefined}
                        onClick={() => setRevoking(invitation)}
                      >
                        {m.invitations.revoke}
                      </Button>
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {cursor ? (
        <div class="row">
          <Button variant="secondary" busy={loading} disabled={loading} onClick={() => load(cursor)}>
            {m.invitations.more}
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        id="revoke-invitation"
        open={revoking !== undefined}
        title={fill(m.invitations.revokeTitle, { email: revoking?.email ?? '' })}
        confirmLabel={m.invitations.revoke}
        danger
        pending={revoking !== undefined && busy === revoking.invitationId}
        onConfirm={() => revoking && revoke(revoking)}
        onCancel={() => setRevoking(undefined)}
      >
        <p>{m.invitations.revokeText}</p>
      </ConfirmDialog>
    </Card>
  );
}
