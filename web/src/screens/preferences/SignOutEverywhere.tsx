import { useState } from 'preact/hooks';
import { signOut } from '../../api/api';
import type { Problem } from '../../api/problem';
import { forgetDeviceToken } from '../../auth/device-tokens';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../router';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Card } from '../../ui/Page';
import { ProblemAlert } from '../../ui/ProblemAlert';

/** "Sign out everywhere": every session and remembered device of the user ends, this one included. */
export function SignOutEverywhere({ email }: { email: string }) {
  const { m } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();

  const everywhere = async () => {
    setPending(true);
    setProblem(undefined);
    const result = await signOut({ everywhere: true });
    if (result.ok) {
      forgetDeviceToken(email);
      return navigate('/sign-in');
    }
    setPending(false);
    setConfirming(false);
    setProblem(result.problem);
  };

  return (
    <Card>
      <h2>{m.everywhere.title}</h2>
      <p class="muted">{m.everywhere.intro}</p>
      <ProblemAlert problem={problem} />
      <div class="row">
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {m.everywhere.submit}
        </Button>
      </div>
      <ConfirmDialog
        id="sign-out-everywhere"
        open={confirming}
        title={m.everywhere.confirmTitle}
        confirmLabel={m.everywhere.submit}
        danger
        pending={pending}
        onConfirm={everywhere}
        onCancel={() => setConfirming(false)}
      >
        <p>{m.everywhere.confirmText}</p>
      </ConfirmDialog>
    </Card>
  );
}
