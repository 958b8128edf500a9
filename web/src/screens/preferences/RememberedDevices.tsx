import { useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Card } from '../../ui/Page';
import { ProblemAlert } from '../../ui/ProblemAlert';
import type { MyFactors } from './factors';

/** Browsers that sign in without a code ("Remember this device"): forget one, or all of them. */
export function RememberedDevices({ factors, onChanged }: { factors: MyFactors; onChanged: () => void }) {
  const i18n = useI18n();
  const { m, fill } = i18n;
  const devices = factors.rememberedDevices;
  const [pending, setPending] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [done, setDone] = useState<string | undefined>();

  const forget = async (deviceId?: string) => {
    setPending(deviceId ?? 'all');
    setProblem(undefined);
    setDone(undefined);
    const result = await outcome(
      deviceId
        ? api().DELETE('/v1/me/mfa/devices/{deviceId}', { params: { path: { deviceId } } })
        : api().DELETE('/v1/me/mfa/devices'),
    );
    setPending(undefined);
    setConfirming(false);
    if (!result.ok) return setProblem(result.problem);
    setDone(deviceId ? m.devices.forgotten : m.devices.allForgotten);
    onChanged();
  };

  return (
    <Card>
      <h2>{m.devices.title}</h2>
      <p class="muted">{m.devices.intro}</p>
      <StatusRegion>{done}</StatusRegion>
      <ProblemAlert problem={problem} />
      {devices.length === 0 ? (
        <p class="muted">{m.devices.none}</p>
      ) : (
        <>
          <ul class="item-list">
            {devices.map((device) => (
              <li key={device.deviceId} class="item">
                <div class="item-main">
                  <div class="item-title">{device.label}</div>
                  <div class="item-meta">
                    {fill(m.devices.added, { date: i18n.dateTime(device.createdAt) })}
                    <span aria-hidden="true"> · </span>
                    {fill(m.devices.lastUsed, { date: i18n.dateTime(device.lastUsedAt) })}
                    <span aria-hidden="true"> · </span>
                    {fill(m.devices.expires, { date: i18n.date(device.expiresAt) })}
                  </div>
                </div>
                <Button
                  variant="secondary"
                  busy={pending === device.deviceId}
                  disabled={pending !== undefined}
                  aria-label={fill(m.devices.forgetOne, { label: device.label })}
                  onClick={() => forget(device.deviceId)}
                >
                  {m.devices.forget}
                </Button>
              </li>
            ))}
          </ul>
          <div class="row">
            <Button variant="secondary" disabled={pending !== undefined} onClick={() => setConfirming(true)}>
              {m.devices.forgetAll}
            </Button>
          </div>
        </>
      )}
      <ConfirmDialog
        id="forget-devices"
        open={confirming}
        title={m.devices.forgetAllTitle}
        confirmLabel={m.devices.forgetAll}
        danger
        pending={pending === 'all'}
        onConfirm={() => forget()}
        onCancel={() => setConfirming(false)}
      >
        <p>{m.devices.forgetAllText}</p>
      </ConfirmDialog>
    </Card>
  );
}
