import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import { loadProfile, type Profile } from '../../auth/profile';
import { endSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../router';
import { Alert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CodeEntry } from '../../ui/CodeEntry';
import { Field } from '../../ui/Field';
import { MailIcon, PhoneIcon, ShieldIcon } from '../../ui/icons';
import { Card, PageHeading, useTitle } from '../../ui/Page';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { AuthenticatorApp } from './AuthenticatorApp';
import { ChangePassword } from './ChangePassword';
import { useMyFactors } from './factors';
import { PreferredMethod } from './PreferredMethod';
import { RecoveryCodes } from './RecoveryCodes';
import { RememberedDevices } from './RememberedDevices';
import { SignOutEverywhere } from './SignOutEverywhere';
import { initialPhoneChange, phoneChangeReducer } from './state';

const CODE_DIGITS = 6;

/**
 * Personal Preferences: the profile, the MFA phone number (validate, verify, update), the authenticator
 * app, recovery codes, the preferred method, remembered devices, the password and "Sign out everywhere".
 */
export function Preferences({ profile }: { profile: Profile }) {
  const { m } = useI18n();
  useTitle(m.preferences.title);
  const { factors, problem, reload } = useMyFactors();
  const hasApp = factors?.methods.includes('totp') ?? false;
  return (
    <div class="page stack-lg">
      <PageHeading>{m.preferences.title}</PageHeading>
      <Card>
        <h2>{m.preferences.profile}</h2>
        <dl class="facts">
          <div>
            <dt>{m.preferences.name}</dt>
            <dd>{profile.name}</dd>
          </div>
          <div>
            <dt>{m.preferences.email}</dt>
            <dd>{profile.email}</dd>
          </div>
        </dl>
      </Card>
      <PhoneChange profile={profile} />
      <ProblemAlert problem={problem} />
      {factors ? (
        <>
          <AuthenticatorApp factors={factors} onChanged={() => reload()} />
          {hasApp || factors.recoveryCodesRemaining > 0 ? (
            <RecoveryCodes factors={factors} onChanged={() => reload()} />
          ) : null}
          <PreferredMethod key={factors.preferred} factors={factors} onChanged={reload} />
          <RememberedDevices factors={factors} onChanged={() => reload()} />
        </>
      ) : null}
      <ChangePassword />
      <SignOutEverywhere email={profile.email} />
    </div>
  );
}

function CurrentMethod({ profile }: { profile: Profile }) {
  const { m, fill } = useI18n();
  if (profile.mfaChannel === 'sms' && profile.phoneNumber)
    return (
      <p class="with-icon">
        <PhoneIcon />
        <span>{fill(m.preferences.currentSms, { phone: profile.phoneNumber })}</span>
      </p>
    );
  if (profile.mfaChannel === 'email')
    return (
      <p class="with-icon">
        <MailIcon />
        <span>{fill(m.preferences.currentEmail, { email: profile.email })}</span>
      </p>
    );
  return (
    <p class="with-icon">
      <ShieldIcon />
      <span>
        {profile.phoneNumber
          ? fill(m.preferences.currentSms, { phone: profile.phoneNumber })
          : m.preferences.currentNone}
      </span>
    </p>
  );
}

function PhoneChange({ profile }: { profile: Profile }) {
  const i18n = useI18n();
  const { m, fill } = i18n;
  const [state, dispatch] = useReducer(phoneChangeReducer, initialPhoneChange);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const phoneField = useRef<HTMLInputElement>(null);
  const codeField = useRef<HTMLInputElement>(null);
  const updateButton = useRef<HTMLButtonElement>(null);
  const [moved, setMoved] = useState(false);

  // Focus follows the flow once the user has started it (not when the page opens).
  // Only a change of step moves the focus.
  useEffect(() => {
    if (!moved) return;
    if (state.step === 'code') codeField.current?.focus();
    if (state.step === 'verified') updateButton.current?.focus();
  }, [state.step]);

  const validate = async () => {
    if (!phone.trim()) {
      setFieldError(m.preferences.phoneRequired);
      return phoneField.current?.focus();
    }
    setMoved(true);
    dispatch({ type: 'submit' });
    const result = await outcome(
      api().POST('/v1/me/phone/validation', { body: { phoneNumber: phone.trim() } }),
    );
    if (!result.ok) {
      dispatch({ type: 'failed', problem: result.problem, now: Date.now() });
      return phoneField.current?.focus();
    }
    setCode('');
    dispatch({ type: 'started', answer: result.data, now: Date.now() });
  };

  const verify = async () => {
    if (state.step !== 'code') return;
    const problem = !code ? m.code.required : code.length < CODE_DIGITS ? m.code.tooShort : undefined;
    setFieldError(problem);
    if (problem) return codeField.current?.focus();
    dispatch({ type: 'submit' });
    const result = await outcome(
      api().POST('/v1/me/phone/validation/{validationId}/verify', {
        params: { path: { validationId: state.validation.validationId } },
        body: { code },
      }),
    );
    setCode('');
    if (result.ok) dispatch({ type: 'verified', answer: result.data });
    else {
      dispatch({ type: 'failed', problem: result.problem, now: Date.now() });
      codeField.current?.focus();
    }
  };

  const resend = async () => {
    if (state.step !== 'code') return;
    dispatch({ type: 'resend' });
    const result = await outcome(
      api().POST('/v1/me/phone/validation/{validationId}/resend', {
        params: { path: { validationId: state.validation.validationId } },
      }),
    );
    if (result.ok) dispatch({ type: 'resent', answer: result.data, now: Date.now() });
    else dispatch({ type: 'failed', problem: result.problem, now: Date.now() });
    codeField.current?.focus();
  };

  const update = async () => {
    if (state.step !== 'verified') return;
    dispatch({ type: 'submit' });
    const result = await outcome(api().PUT('/v1/me/phone', { body: { validationId: state.validationId } }));
    if (!result.ok) return dispatch({ type: 'failed', problem: result.problem, now: Date.now() });
    setPhone('');
    dispatch({ type: 'updated', answer: result.data });
    await loadProfile({ applyLocale: false });
  };

  const cancel = () => {
    setCode('');
    setFieldError(undefined);
    dispatch({ type: 'cancel' });
    setTimeout(() => phoneField.current?.focus());
  };

  const signInAgain = () => {
    endSession('reauthenticate');
    navigate('/sign-in?next=%2Fpreferences', { replace: true });
  };

  const problem = state.problem;
  const success =
    state.step === 'verified'
      ? m.preferences.validated
      : state.step === 'edit' && state.saved
        ? fill(m.preferences.updated, { phone: state.saved })
        : state.step === 'code' && state.resent
          ? m.code.resent
          : undefined;

  return (
    <Card>
      <h2>{m.preferences.phoneTitle}</h2>
      <CurrentMethod profile={profile} />
      <StatusRegion tone={state.step === 'code' ? 'info' : 'success'}>{success}</StatusRegion>
      {problem ? (
        <Alert>
          <p>{i18n.problem(problem)}</p>
          {problem.code === 'REAUTHENTICATION_REQUIRED' ? (
            <Button variant="secondary" onClick={signInAgain} class="alert-action">
              {m.preferences.signInAgain}
            </Button>
          ) : null}
        </Alert>
      ) : null}

      {state.step === 'edit' ? (
        <form
          class="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void validate();
          }}
        >
          <fieldset disabled={state.pending} class="stack">
            <Field
              id="mfa-phone"
              label={m.preferences.phone}
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              dir="ltr"
              value={phone}
              onValue={(value) => {
                setPhone(value);
                setFieldError(undefined);
                dispatch({ type: 'edited' });
              }}
              hint={m.preferences.phoneHint}
              error={fieldError}
              invalid={
                problem?.code === 'INVALID_PHONE_NUMBER' || problem?.code === 'PHONE_COUNTRY_NOT_ALLOWED'
              }
              inputRef={phoneField}
            />
            <div class="row">
              <Button type="submit" busy={state.pending}>
                {m.preferences.validate}
              </Button>
            </div>
          </fieldset>
        </form>
      ) : null}

      {state.step === 'code' ? (
        <div class="stack">
          <p>
            {i18n.rich(m.preferences.codeSent, {
              destination: <strong class="nowrap">{state.validation.destination}</strong>,
            })}
          </p>
          <CodeEntry
            id="phone-code"
            code={code}
            onCode={(value) => {
              setCode(value);
              setFieldError(undefined);
              dispatch({ type: 'edited' });
            }}
            onVerify={verify}
            onResend={resend}
            resendAt={state.validation.resendAt}
            expiresAt={state.validation.expiresAt}
            pending={state.pending}
            resending={state.resending}
            verifyLabel={m.preferences.verify}
            error={fieldError}
            invalid={problem?.code === 'INVALID_CODE'}
            inputRef={codeField}
          >
            <div class="row-end">
              <Button variant="quiet" onClick={cancel} disabled={state.pending}>
                {m.preferences.cancel}
              </Button>
            </div>
          </CodeEntry>
        </div>
      ) : null}

      {state.step === 'verified' ? (
        <div class="stack">
          <p>{fill(m.preferences.updateHint, { phone: state.phoneNumber })}</p>
          <div class="row">
            <Button buttonRef={updateButton} onClick={update} busy={state.pending} disabled={state.pending}>
              {m.preferences.update}
            </Button>
            <Button variant="quiet" onClick={cancel} disabled={state.pending}>
              {m.preferences.cancel}
            </Button>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
