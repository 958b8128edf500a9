import { useRef, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Page';
import { PasswordField } from '../../ui/PasswordField';
import { ProblemAlert } from '../../ui/ProblemAlert';

const MIN_PASSWORD = 12;

/** Change password: the current one and a new one; the user's other sessions end. */
export function ChangePassword() {
  const { m } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string }>({});
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [changed, setChanged] = useState(false);
  const currentField = useRef<HTMLInputElement>(null);
  const nextField = useRef<HTMLInputElement>(null);

  const change = async () => {
    const found = {
      current: current ? undefined : m.signIn.passwordRequired,
      next: !next
        ? m.forgot.passwordRequired
        : next.length < MIN_PASSWORD
          ? m.register.passwordTooShort
          : undefined,
    };
    setErrors(found);
    if (found.current) return currentField.current?.focus();
    if (found.next) return nextField.current?.focus();
    setPending(true);
    setProblem(undefined);
    setChanged(false);
    const result = await outcome(
      api().PUT('/v1/me/password', { body: { currentPassword: current, newPassword: next } }),
    );
    setPending(false);
    if (!result.ok) {
      setProblem(result.problem);
      if (result.problem.code === 'INVALID_CREDENTIALS') {
        setCurrent('');
        currentField.current?.focus();
      } else nextField.current?.focus();
      return;
    }
    setCurrent('');
    setNext('');
    setChanged(true);
  };

  return (
    <Card>
      <h2>{m.password.title}</h2>
      <StatusRegion>{changed ? m.password.changed : null}</StatusRegion>
      <ProblemAlert problem={problem} />
      <form
        class="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void change();
        }}
      >
        <fieldset disabled={pending} class="stack">
          <PasswordField
            id="current-password"
            label={m.password.current}
            autoComplete="current-password"
            value={current}
            onValue={(value) => {
              setCurrent(value);
              setErrors({});
            }}
            error={errors.current}
            invalid={problem?.code === 'INVALID_CREDENTIALS'}
            inputRef={currentField}
          />
          <PasswordField
            id="changed-password"
            label={m.forgot.newPassword}
            autoComplete="new-password"
            hint={m.register.passwordHint}
            value={next}
            onValue={(value) => {
              setNext(value);
              setErrors({});
            }}
            error={errors.next}
            invalid={problem?.code === 'WEAK_PASSWORD'}
            inputRef={nextField}
          />
          <div class="row">
            <Button type="submit" busy={pending}>
              {m.password.submit}
            </Button>
          </div>
        </fieldset>
      </form>
    </Card>
  );
}
