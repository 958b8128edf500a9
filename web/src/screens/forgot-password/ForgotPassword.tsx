import { useEffect, useRef, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import { flashStore, takeFlash } from '../../flash';
import { useI18n } from '../../i18n/i18n';
import { Link, navigate } from '../../router';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { OtpField } from '../../ui/OtpField';
import { PageHeading, useTitle } from '../../ui/Page';
import { PasswordField } from '../../ui/PasswordField';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CODE_DIGITS = 6;
const MIN_PASSWORD = 12;

/** After these, this reset cannot go on: ask for a new code. */
const ENDS_THE_RESET: ReadonlySet<Problem['code']> = new Set(['SESSION_EXPIRED', 'TOO_MANY_ATTEMPTS']);

type Step =
  | { readonly step: 'request'; readonly pending: boolean; readonly problem?: Problem }
  | {
      readonly step: 'reset';
      readonly resetSession: string;
      readonly pending: boolean;
      readonly problem?: Problem;
    };

/**
 * "Forgot password?": the email (the same answer for any address, known or not), then the emailed code
 * and a new password; then back to Sign in with a success message.
 */
export function ForgotPassword() {
  const i18n = useI18n();
  const { m, rich } = i18n;
  const [email, setEmail] = useState(() => takeFlash()?.email ?? '');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<Step>({ step: 'request', pending: false });
  const [errors, setErrors] = useState<{ email?: string; code?: string; password?: string }>({});
  const emailField = useRef<HTMLInputElement>(null);
  const codeField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  useTitle(m.forgot.title);

  useEffect(() => {
    (state.step === 'reset' ? codeField : emailField).current?.focus();
  }, [state.step]);

  const request = async () => {
    const who = email.trim();
    const error = !who ? m.signIn.emailRequired : EMAIL.test(who) ? undefined : m.signIn.emailInvalid;
    setErrors({ email: error });
    if (error) return emailField.current?.focus();
    setState({ step: 'request', pending: true });
    const result = await outcome(api().POST('/v1/auth/password/forgot', { body: { email: who } }));
    if (!result.ok) return setState({ step: 'request', pending: false, problem: result.problem });
    setCode('');
    setPassword('');
    setState({ step: 'reset', resetSession: result.data.resetSession, pending: false });
  };

  const reset = async () => {
    if (state.step !== 'reset') return;
    const found = {
      code: !code ? m.code.required : code.length < CODE_DIGITS ? m.code.tooShort : undefined,
      password: !password
        ? m.forgot.passwordRequired
        : password.length < MIN_PASSWORD
          ? m.register.passwordTooShort
          : undefined,
    };
    setErrors(found);
    if (found.code) return codeField.current?.focus();
    if (found.password) return passwordField.current?.focus();
    setState({ ...state, pending: true, problem: undefined });
    const result = await outcome(
      api().POST('/v1/auth/password/reset', {
        body: { resetSession: state.resetSession, code, newPassword: password },
      }),
    );
    if (result.ok) {
      flashStore.set({ kind: 'passwordReset', email: email.trim() });
      return navigate('/sign-in', { replace: true });
    }
    const problem = result.problem;
    if (ENDS_THE_RESET.has(problem.code)) {
      setCode('');
      setPassword('');
      return setState({ step: 'request', pending: false, problem });
    }
    setState({ ...state, pending: false, problem });
    if (problem.code === 'INVALID_CODE') {
      setCode('');
      codeField.current?.focus();
    } else if (problem.code === 'WEAK_PASSWORD') passwordField.current?.focus();
  };

  const problemText = (problem: Problem) =>
    ENDS_THE_RESET.has(problem.code) ? m.forgot.expired : i18n.problem(problem);

  return (
    <div class="stack-lg">
      <div class="stack-sm">
        <PageHeading focus={false}>{m.forgot.title}</PageHeading>
        <p class="muted">{state.step === 'request' ? m.forgot.intro : null}</p>
      </div>
      {state.problem ? <Alert>{problemText(state.problem)}</Alert> : null}
      {state.step === 'request' ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void request();
          }}
        >
          <fieldset disabled={state.pending} class="stack">
            <Field
              id="forgot-email"
              label={m.signIn.email}
              type="email"
              autoComplete="username"
              inputMode="email"
              spellcheck={false}
              autoCapitalize="none"
              value={email}
              onValue={(value) => {
                setEmail(value);
                setErrors({});
              }}
              error={errors.email}
              inputRef={emailField}
            />
            <Button type="submit" busy={state.pending} class="btn-block">
              {m.forgot.send}
            </Button>
          </fieldset>
        </form>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void reset();
          }}
        >
          <fieldset disabled={state.pending} class="stack">
            <div class="lead">
              <p>{rich(m.forgot.sent, { email: <strong class="nowrap">{email.trim()}</strong> })}</p>
              <p class="meta">{m.code.junk}</p>
            </div>
            <OtpField
              id="reset-code"
              label={m.code.label}
              hint={m.code.hint}
              value={code}
              onValue={(value) => {
                setCode(value);
                setErrors({});
              }}
              error={errors.code}
              invalid={state.problem?.code === 'INVALID_CODE'}
              inputRef={codeField}
            />
            <PasswordField
              id="new-password"
              label={m.forgot.newPassword}
              autoComplete="new-password"
              hint={m.register.passwordHint}
              value={password}
              onValue={(value) => {
                setPassword(value);
                setErrors({});
              }}
              error={errors.password}
              invalid={state.problem?.code === 'WEAK_PASSWORD'}
              inputRef={passwordField}
            />
            <Button type="submit" busy={state.pending} class="btn-block">
              {m.forgot.submit}
            </Button>
            <div class="row-end">
              <Button
                variant="quiet"
                onClick={() => {
                  setCode('');
                  setPassword('');
                  setErrors({});
                  setState({ step: 'request', pending: false });
                }}
              >
                {m.forgot.newCode}
              </Button>
            </div>
          </fieldset>
        </form>
      )}
      <p class="center">
        <Link href="/sign-in" onClick={() => flashStore.set({ kind: 'forgot', email: email.trim() })}>
          {m.forgot.backToSignIn}
        </Link>
      </p>
    </div>
  );
}
