import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { api, outcome, signIn } from '../../api/api';
import type { components } from '../../api/schema';
import { deviceTokenFor, forgetDeviceToken, rememberDeviceToken } from '../../auth/device-tokens';
import { loadProfile } from '../../auth/profile';
import { endSession, sessionStore } from '../../auth/session';
import { flashStore, takeFlash } from '../../flash';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../router';
import { useStore } from '../../store';
import { Alert, Note, StatusRegion } from '../../ui/Alert';
import { PageHeading, useTitle } from '../../ui/Page';
import { CodeStep } from './CodeStep';
import { PasswordStep } from './PasswordStep';
import { initialSignIn, type Method, signInReducer } from './state';

type Tokens = components['schemas']['VerifyMfaResponse']['tokens'];
type LoginBody = components['schemas']['LoginRequest'];
type VerifyBody = components['schemas']['VerifyMfaRequest'];
type ResendBody = components['schemas']['ResendMfaRequest'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CODE_DIGITS = 6;

/** Sign in: the password step, then the code step when MFA applies. `next` is where to go afterwards. */
export function SignIn({ next }: { next: string }) {
  const i18n = useI18n();
  const { m } = i18n;
  const [state, dispatch] = useReducer(signInReducer, initialSignIn);
  const [flash] = useState(takeFlash);
  const ended = useStore(sessionStore);
  const [email, setEmail] = useState(flash?.email ?? '');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [rememberDevice, setRememberDevice] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string; code?: string }>({});
  const emailField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const codeField = useRef<HTMLInputElement>(null);
  // Each step opens with its first empty field focused.
  const focusKey = state.step === 'code' ? state.method : state.step;
  // Focus moves when the step changes, not on typing.
  useEffect(() => {
    if (state.step === 'code') codeField.current?.focus();
    else (email ? passwordField : emailField).current?.focus();
  }, [focusKey]);
  useTitle(state.step === 'code' ? m.code.title : m.signIn.title);

  const finish = async (tokens: Tokens) => {
    signIn(tokens);
    const profile = await loadProfile({ applyLocale: true });
    if (!profile.ok) {
      endSession('signedOut');
      dispatch({ type: 'restart', problem: profile.problem });
      return;
    }
    navigate(next, { replace: true });
  };

  const submitPassword = async () => {
    const errors = {
      email: !email.trim()
        ? m.signIn.emailRequired
        : !EMAIL.test(email.trim())
          ? m.signIn.emailInvalid
          : undefined,
      password: password ? undefined : m.signIn.passwordRequired,
    };
    setFieldErrors(errors);
    if (errors.email) return emailField.current?.focus();
    if (errors.password) return passwordField.current?.focus();
    dispatch({ type: 'submit' });
    const who = email.trim();
    // A device remembered for this email skips the code; the service decides whether it still may.
    const deviceToken = deviceTokenFor(who);
    const body: LoginBody = deviceToken ? { email: who, password, deviceToken } : { email: who, password };
    const result = await outcome(api().POST('/v1/auth/login', { body }));
    if (!result.ok) {
      setPassword('');
      dispatch({ type: 'failed', problem: result.problem, now: Date.now() });
      return;
    }
    if (result.data.status === 'AUTHENTICATED') return finish(result.data.tokens);
    // A code is asked despite the device token: the device is no longer remembered.
    if (deviceToken) forgetDeviceToken(who);
    setCode('');
    setRememberDevice(false);
    setPassword('');
    dispatch({ type: 'challenged', answer: result.data, now: Date.now() });
  };

  const verify = async () => {
    if (state.step !== 'code') return;
    const digits = state.method !== 'recovery_code';
    const problem = !code
      ? m.code.required
      : digits && code.length < CODE_DIGITS
        ? m.code.tooShort
        : undefined;
    setFieldErrors({ code: problem });
    if (problem) return codeField.current?.focus();
    dispatch({ type: 'submit' });
    const { challenge, method } = state;
    // `method` only when the user picked another than the one the sign-in started with.
    const remember = rememberDevice && challenge.rememberDeviceDays > 0;
    const body: VerifyBody = {
      session: challenge.session,
      code: method === 'recovery_code' ? code.trim() : code,
      ...(method === challenge.channel ? {} : { method }),
      ...(remember ? { rememberDevice: true } : {}),
    };
    const result = await outcome(api().POST('/v1/auth/mfa/verify', { body }));
    if (result.ok) {
      if (result.data.deviceToken) rememberDeviceToken(email.trim(), result.data.deviceToken);
      return finish(result.data.tokens);
    }
    setCode('');
    dispatch({ type: 'failed', problem: result.problem, now: Date.now() });
    codeField.current?.focus();
  };

  const resend = async (channel?: 'sms' | 'email') => {
    if (state.step !== 'code') return;
    dispatch({ type: 'resend' });
    // `channel` asks for the code by the other channel; absent = the same one.
    const body: ResendBody =
      channel === undefined
        ? { session: state.challenge.session }
        : { session: state.challenge.session, channel };
    const result = await outcome(api().POST('/v1/auth/mfa/resend', { body }));
    if (result.ok) {
      setCode('');
      dispatch({ type: 'resent', answer: result.data, now: Date.now() });
    } else dispatch({ type: 'failed', problem: result.problem, now: Date.now() });
    codeField.current?.focus();
  };

  const sessionEnded = useCallback(() => {
    setCode('');
    dispatch({ type: 'restart', problem: { code: 'SESSION_EXPIRED', status: 401 } });
  }, []);

  const chooseMethod = (method: Method) => {
    setCode('');
    setFieldErrors({});
    if (
      state.step === 'code' &&
      (method === 'sms' || method === 'email') &&
      method !== state.challenge.channel
    )
      return void resend(method);
    dispatch({ type: 'chooseMethod', method });
  };

  const notice =
    flash?.kind === 'registered'
      ? m.signIn.registered
      : flash?.kind === 'passwordReset'
        ? m.forgot.done
        : !ended.signedIn && ended.reason === 'expired'
          ? m.signIn.sessionEnded
          : !ended.signedIn && ended.reason === 'reauthenticate'
            ? m.signIn.reauthenticate
            : !ended.signedIn && ended.reason === 'signedOut'
              ? m.signIn.signedOut
              : undefined;

  return (
    <div class="stack-lg">
      <div class="stack-sm">
        <PageHeading focus={false}>{state.step === 'code' ? m.code.title : m.signIn.title}</PageHeading>
        {state.step === 'password' ? <p class="muted">{m.signIn.intro}</p> : null}
      </div>
      {state.problem ? <Alert>{i18n.problem(state.problem)}</Alert> : null}
      {state.step === 'password' && notice && !state.problem ? <Note>{notice}</Note> : null}
      <StatusRegion tone="info">{state.step === 'code' && state.resent ? m.code.resent : null}</StatusRegion>
      {state.step === 'password' ? (
        <PasswordStep
          email={email}
          password={password}
          onEmail={(value) => {
            setEmail(value);
            setFieldErrors({});
          }}
          onPassword={(value) => {
            setPassword(value);
            setFieldErrors({});
          }}
          onSubmit={submitPassword}
          pending={state.pending}
          errors={fieldErrors}
          invalid={state.problem?.code === 'INVALID_CREDENTIALS'}
          emailField={emailField}
          passwordField={passwordField}
          onForgot={() => flashStore.set({ kind: 'forgot', email: email.trim() })}
        />
      ) : (
        <CodeStep
          challenge={state.challenge}
          method={state.method}
          code={code}
          onCode={(value) => {
            setCode(value);
            setFieldErrors({});
            dispatch({ type: 'edited' });
          }}
          onVerify={verify}
          onResend={() => resend()}
          onChooseMethod={chooseMethod}
          onStartOver={() => {
            setCode('');
            setFieldErrors({});
            dispatch({ type: 'restart' });
          }}
          onSessionEnded={sessionEnded}
          rememberDevice={rememberDevice}
          onRememberDevice={setRememberDevice}
          pending={state.pending}
          resending={state.resending}
          error={fieldErrors.code}
          invalid={state.problem?.code === 'INVALID_CODE'}
          codeField={codeField}
        />
      )}
    </div>
  );
}
