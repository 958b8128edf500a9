import { useEffect, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { Alert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Card } from '../../ui/Page';
import { Switch } from '../../ui/Switch';

type Settings = components['schemas']['GetMfaSettingsResponse'];

const MAX_REMEMBER_DAYS = 90;

type SwitchState =
  | { readonly step: 'loading'; readonly problem?: Problem }
  | {
      readonly step: 'ready';
      readonly settings: Settings;
      readonly pending: boolean;
      readonly problem?: Problem;
      readonly changed: boolean;
    };

/** The account's MFA switch, with who changed it last. */
export function MfaSwitch({ accountId, onChanged }: { accountId: string; onChanged: () => void }) {
  const i18n = useI18n();
  const { m, fill } = i18n;
  const [state, setState] = useState<SwitchState>({ step: 'loading' });
  const [days, setDays] = useState('');
  const [daysError, setDaysError] = useState<string | undefined>();
  const [daysSaved, setDaysSaved] = useState(false);

  useEffect(() => {
    void outcome(
      api().GET('/v1/accounts/{accountId}/settings/mfa', { params: { path: { accountId } } }),
    ).then((result) => {
      if (result.ok) setDays(String(result.data.rememberDeviceDays));
      setState(
        result.ok
          ? { step: 'ready', settings: result.data, pending: false, changed: false }
          : { step: 'loading', problem: result.problem },
      );
    });
  }, [accountId]);

  const saveDays = async () => {
    if (state.step !== 'ready') return;
    const value = Number(days);
    if (!/^\d{1,2}$/.test(days.trim()) || value > MAX_REMEMBER_DAYS) {
      setDaysError(m.security.rememberDaysInvalid);
      return;
    }
    setDaysError(undefined);
    setDaysSaved(false);
    setState({ ...state, pending: true, problem: undefined, changed: false });
    const result = await outcome(
      api().PUT('/v1/accounts/{accountId}/settings/mfa', {
        params: { path: { accountId } },
        body: { rememberDeviceDays: value },
      }),
    );
    if (result.ok) {
      setState({ step: 'ready', settings: result.data, pending: false, changed: false });
      setDays(String(result.data.rememberDeviceDays));
      setDaysSaved(true);
      onChanged();
    } else setState({ ...state, pending: false, problem: result.problem, changed: false });
  };

  const toggle = async (enabled: boolean) => {
    if (state.step !== 'ready') return;
    setDaysSaved(false);
    setState({ ...state, pending: true, problem: undefined, changed: false });
    const result = await outcome(
      api().PUT('/v1/accounts/{accountId}/settings/mfa', {
        params: { path: { accountId } },
        body: { enabled },
      }),
    );
    if (result.ok) {
      setState({ step: 'ready', settings: result.data, pending: false, changed: true });
      onChanged();
    } else setState({ ...state, pending: false, problem: result.problem, changed: false });
  };

  return (
    <Card>
      <h2>{m.security.requirementTitle}</h2>
      {state.problem ? <Alert>{i18n.problem(state.problem)}</Alert> : null}
      {state.step === 'ready' ? (
        <>
          <Switch
            id="mfa-switch"
            label={m.security.switchLabel}
            checked={state.settings.enabled}
            disabled={state.pending}
            onChange={toggle}
          />
          <p class="meta">
            {fill(m.security.lastChanged, {
              who: state.settings.updatedBy === 'system' ? m.security.system : state.settings.updatedBy,
              date: i18n.dateTime(state.settings.updatedAt),
            })}
          </p>
          <form
            class="days-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void saveDays();
            }}
          >
            <fieldset disabled={state.pending} class="days-row">
              <Field
                id="remember-days"
                label={m.security.rememberDays}
                inputMode="numeric"
                autoComplete="off"
                value={days}
                onValue={(value) => {
                  setDays(value);
                  setDaysError(undefined);
                  setDaysSaved(false);
                }}
                clean={(raw) => raw.replace(/\D+/g, '').slice(0, 2)}
                hint={m.security.rememberDaysHint}
                error={daysError}
                inputClass="input-days"
              />
              <div class="row">
                <Button type="submit" variant="secondary">
                  {m.security.save}
                </Button>
              </div>
            </fieldset>
          </form>
        </>
      ) : state.problem ? null : (
        <p class="muted">{m.app.loading}</p>
      )}
      <StatusRegion>
        {state.step === 'ready' && state.changed
          ? state.settings.enabled
            ? m.security.turnedOn
            : m.security.turnedOff
          : daysSaved
            ? Number(days) > 0
              ? i18n.plural(m.security.rememberDaysOn, Number(days))
              : m.security.rememberDaysOff
            : null}
      </StatusRegion>
    </Card>
  );
}
