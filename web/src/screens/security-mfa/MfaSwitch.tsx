import { useEffect, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { Alert, StatusRegion } from '../../ui/Alert';
import { Card } from '../../ui/Page';
import { Switch } from '../../ui/Switch';

type Settings = components['schemas']['GetMfaSettingsResponse'];

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

  useEffect(() => {
    void outcome(
      api().GET('/v1/accounts/{accountId}/settings/mfa', { params: { path: { accountId } } }),
    ).then((result) =>
      setState(
        result.ok
          ? { step: 'ready', settings: result.data, pending: false, changed: false }
          : { step: 'loading', problem: result.problem },
      ),
    );
  }, [accountId]);

  const toggle = async (enabled: boolean) => {
    if (state.step !== 'ready') return;
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
        </>
      ) : state.problem ? null : (
        <p class="muted">{m.app.loading}</p>
      )}
      <StatusRegion>
        {state.step === 'ready' && state.changed
          ? state.settings.enabled
            ? m.security.turnedOn
            : m.security.turnedOff
          : null}
      </StatusRegion>
    </Card>
  );
}
