import { useEffect, useRef, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { OtpField } from '../../ui/OtpField';
import { Card } from '../../ui/Page';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QrCode } from '../../ui/QrCode';
import type { MyFactors } from './factors';
import { RecoveryCodesShown } from './RecoveryCodesShown';

type Enrollment = components['schemas']['StartTotpEnrollmentResponse'];

type AppState =
  | { readonly step: 'idle'; readonly done?: 'added' | 'removed' }
  | { readonly step: 'setup'; readonly enrollment: Enrollment }
  | { readonly step: 'codes'; readonly codes: readonly string[] };

const CODE_DIGITS = 6;

/** The secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Authenticator app: add (QR code of the otpauth URI, the secret as text, confirm with a 6-digit code;
 * the first recovery codes are shown once), or remove after a confirmation.
 */
export function AuthenticatorApp({ factors, onChanged }: { factors: MyFactors; onChanged: () => void }) {
  const i18n = useI18n();
  const { m } = i18n;
  const [state, setState] = useState<AppState>({ step: 'idle' });
  // What this card has just done wins over the factors read before it: while they are read again (or
  // when that read fails) the card never shows the state from before the change.
  const enrolled =
    state.step === 'idle' && state.done ? state.done === 'added' : factors.methods.includes('totp');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [confirming, setConfirming] = useState(false);
  const codeField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.step === 'setup') codeField.current?.focus();
  }, [state.step]);

  const start = async () => {
    setPending(true);
    setProblem(undefined);
    const result = await outcome(api().POST('/v1/me/mfa/totp'));
    setPending(false);
    if (!result.ok) return setProblem(result.problem);
    setCode('');
    setState({ step: 'setup', enrollment: result.data });
  };

  const confirm = async () => {
    if (state.step !== 'setup') return;
    const error = !code ? m.code.required : code.length < CODE_DIGITS ? m.code.tooShort : undefined;
    setFieldError(error);
    if (error) return codeField.current?.focus();
    setPending(true);
    setProblem(undefined);
    const result = await outcome(
      api().POST('/v1/me/mfa/totp/{enrollmentId}/verify', {
        params: { path: { enrollmentId: state.enrollment.enrollmentId } },
        body: { code },
      }),
    );
    setPending(false);
    setCode('');
    if (!result.ok) {
      setProblem(result.problem);
      if (result.problem.code === 'ENROLLMENT_NOT_FOUND') setState({ step: 'idle' });
      return codeField.current?.focus();
    }
    const codes = result.data.recoveryCodes ?? [];
    setState(codes.length > 0 ? { step: 'codes', codes } : { step: 'idle', done: 'added' });
    if (codes.length === 0) onChanged();
  };

  const remove = async () => {
    setPending(true);
    setProblem(undefined);
    const result = await outcome(api().DELETE('/v1/me/mfa/totp'));
    setPending(false);
    setConfirming(false);
    if (!result.ok) return setProblem(result.problem);
    setState({ step: 'idle', done: 'removed' });
    onChanged();
  };

  return (
    <Card>
      <h2>{m.authenticator.title}</h2>
      <StatusRegion>
        {state.step === 'idle' && state.done
          ? state.done === 'added'
            ? m.authenticator.added
            : m.authenticator.removed
          : null}
      </StatusRegion>
      <ProblemAlert problem={problem} />

      {state.step === 'idle' ? (
        enrolled ? (
          <div class="stack">
            <p>{m.authenticator.on}</p>
            <div class="row">
              <Button variant="secondary" onClick={() => setConfirming(true)} disabled={pending}>
                {m.authenticator.remove}
              </Button>
            </div>
          </div>
        ) : (
          <div class="stack">
            <p class="muted">{m.authenticator.intro}</p>
            <div class="row">
              <Button onClick={start} busy={pending} disabled={pending}>
                {m.authenticator.add}
              </Button>
            </div>
          </div>
        )
      ) : null}

      {state.step === 'setup' ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void confirm();
          }}
        >
          <fieldset disabled={pending} class="stack">
            <ol class="steps">
              <li>{m.authenticator.scan}</li>
              <li>{m.authenticator.enterCode}</li>
            </ol>
            <div class="totp-setup">
              <QrCode value={state.enrollment.otpauthUri} label={m.authenticator.qrLabel} />
              <div class="stack-sm">
                <p class="meta">{m.authenticator.cantScan}</p>
                <p class="secret" id="totp-secret">
                  <code>{grouped(state.enrollment.secret)}</code>
                </p>
              </div>
            </div>
            <div class="inline-form">
              <OtpField
                id="totp-code"
                label={m.code.label}
                hint={m.code.hint}
                value={code}
                onValue={(value) => {
                  setCode(value);
                  setFieldError(undefined);
                }}
                error={fieldError}
                invalid={problem?.code === 'INVALID_CODE'}
                inputRef={codeField}
              />
            </div>
            <div class="row">
              <Button type="submit" busy={pending}>
                {m.authenticator.turnOn}
              </Button>
              <Button variant="quiet" onClick={() => setState({ step: 'idle' })}>
                {m.preferences.cancel}
              </Button>
            </div>
          </fieldset>
        </form>
      ) : null}

      {state.step === 'codes' ? (
        <>
          <p class="with-icon">{m.authenticator.added}</p>
          <RecoveryCodesShown
            codes={state.codes}
            onSaved={() => {
              setState({ step: 'idle', done: 'added' });
              onChanged();
            }}
          />
        </>
      ) : null}

      <ConfirmDialog
        id="remove-app"
        open={confirming}
        title={m.authenticator.removeTitle}
        confirmLabel={m.authenticator.remove}
        danger
        pending={pending}
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      >
        <p>{m.authenticator.removeText}</p>
      </ConfirmDialog>
    </Card>
  );
}
