import { useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Card } from '../../ui/Page';
import { ProblemAlert } from '../../ui/ProblemAlert';
import type { MyFactors } from './factors';
import { RecoveryCodesShown } from './RecoveryCodesShown';

/** Recovery codes: how many are left, and "Regenerate" (new codes shown once; the old ones stop working). */
export function RecoveryCodes({ factors, onChanged }: { factors: MyFactors; onChanged: () => void }) {
  const i18n = useI18n();
  const { m } = i18n;
  const [codes, setCodes] = useState<readonly string[] | undefined>();
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const left = factors.recoveryCodesRemaining;

  const regenerate = async () => {
    setPending(true);
    setProblem(undefined);
    const result = await outcome(api().POST('/v1/me/mfa/recovery-codes'));
    setPending(false);
    setConfirming(false);
    if (!result.ok) return setProblem(result.problem);
    setCodes(result.data.recoveryCodes);
  };

  return (
    <Card>
      <h2>{m.recovery.title}</h2>
      <p class="muted">{m.recovery.intro}</p>
      <ProblemAlert problem={problem} />
      {codes ? (
        <RecoveryCodesShown
          codes={codes}
          onSaved={() => {
            setCodes(undefined);
            onChanged();
          }}
        />
      ) : (
        <div class="stack">
          <p class={left <= 2 ? 'meta-warning' : undefined}>
            {left === 0 ? m.recovery.none : i18n.plural(m.recovery.remaining, left)}
          </p>
          <div class="row">
            <Button variant="secondary" onClick={() => setConfirming(true)} disabled={pending}>
              {m.recovery.regenerate}
            </Button>
          </div>
        </div>
      )}
      <ConfirmDialog
        id="regenerate-codes"
        open={confirming}
        title={m.recovery.regenerateTitle}
        confirmLabel={m.recovery.regenerate}
        pending={pending}
        onConfirm={regenerate}
        onCancel={() => setConfirming(false)}
      >
        <p>{m.recovery.regenerateText}</p>
      </ConfirmDialog>
    </Card>
  );
}
