import type { Problem } from '../api/problem';
import { endSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { navigate, routeStore } from '../router';
import { Alert } from './Alert';
import { Button } from './Button';

/**
 * A call's problem in words (role=alert). REAUTHENTICATION_REQUIRED (a change that needs a recent
 * sign-in) adds "Sign in again", which comes back here afterwards.
 */
export function ProblemAlert({ problem }: { problem: Problem | undefined }) {
  const i18n = useI18n();
  if (!problem) return null;
  const signInAgain = () => {
    const here = routeStore.get();
    endSession('reauthenticate');
    navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
  };
  return (
    <Alert>
      <p>{i18n.problem(problem)}</p>
      {problem.code === 'REAUTHENTICATION_REQUIRED' ? (
        <Button variant="secondary" onClick={signInAgain} class="alert-action">
          {i18n.m.preferences.signInAgain}
        </Button>
      ) : null}
    </Alert>
  );
}
