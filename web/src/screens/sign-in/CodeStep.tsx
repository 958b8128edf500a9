import type { Ref } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { Note } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { CodeEntry } from '../../ui/CodeEntry';
import { useNow } from '../../ui/useNow';
import type { Challenge, Method } from './state';

export interface CodeStepProps {
  readonly challenge: Challenge;
  readonly method: Method;
  readonly code: string;
  readonly onCode: (code: string) => void;
  readonly onVerify: () => void;
  readonly onResend: () => void;
  readonly onChooseMethod: (method: Method) => void;
  readonly onStartOver: () => void;
  /** The sign-in session ran out (nothing can be verified or resent any more). */
  readonly onSessionEnded: () => void;
  readonly pending: boolean;
  readonly resending: boolean;
  readonly error?: string;
  readonly invalid: boolean;
  readonly codeField: Ref<HTMLInputElement>;
  readonly rememberDevice: boolean;
  readonly onRememberDevice: (remember: boolean) => void;
}

/** "Enter the 6-digit code", "Verify", "Resend code"; other methods when the user has them. */
export function CodeStep(props: CodeStepProps) {
  const { m, rich, plural } = useI18n();
  const { challenge, method } = props;
  const destination = <strong class="nowrap">{challenge.destination}</strong>;
  const sent = method === 'sms' || method === 'email';
  const others = challenge.methods.filter((candidate) => candidate !== method);
  return (
    <div class="stack">
      {challenge.fallbackFrom === 'sms' && method === 'email' ? (
        <Note tone="warning">{m.code.fallbackFromSms}</Note>
      ) : null}
      <div class="lead">
        {method === 'sms' ? <p>{rich(m.code.sentBySms, { destination })}</p> : null}
        {method === 'email' ? (
          <>
            <p>{rich(m.code.sentByEmail, { destination })}</p>
            <p class="meta">{m.code.junk}</p>
          </>
        ) : null}
        {method === 'totp' ? <p>{m.code.totp}</p> : null}
        {method === 'recovery_code' ? <p>{m.code.recoveryCode}</p> : null}
      </div>
      <CodeEntry
        id="code"
        code={props.code}
        onCode={props.onCode}
        onVerify={props.onVerify}
        onResend={sent ? props.onResend : undefined}
        resendAt={sent ? challenge.resendAt : undefined}
        expiresAt={sent ? challenge.expiresAt : undefined}
        pending={props.pending}
        resending={props.resending}
        verifyLabel={m.code.submit}
        error={props.error}
        invalid={props.invalid}
        inputRef={props.codeField}
        recovery={method === 'recovery_code'}
        options={
          challenge.rememberDeviceDays > 0 ? (
            <Checkbox
              id="remember-device"
              label={m.code.rememberDevice}
              hint={plural(m.code.rememberDeviceHint, challenge.rememberDeviceDays)}
              checked={props.rememberDevice}
              disabled={props.pending}
              onChange={props.onRememberDevice}
            />
          ) : undefined
        }
      />
      <SessionClock
        endsAt={challenge.sessionExpiresAt}
        codeExpiresAt={sent ? challenge.expiresAt : undefined}
        onEnded={props.onSessionEnded}
      />
      {others.length > 0 ? (
        <div class="methods">
          <h2 class="h-small">{m.code.otherMethods}</h2>
          <ul class="method-list">
            {others.map((other) => (
              <li key={other}>
                <Button variant="quiet" disabled={props.pending} onClick={() => props.onChooseMethod(other)}>
                  {m.code.methods[other]}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="row-end">
        <Button variant="quiet" onClick={props.onStartOver} disabled={props.pending}>
          {m.code.startOver}
        </Button>
      </div>
    </div>
  );
}

/** Near its end (or once the code has expired), how long this sign-in still lasts; at 0 it is over. */
function SessionClock(props: { endsAt: number; codeExpiresAt?: number; onEnded: () => void }) {
  const { m, fill, duration } = useI18n();
  const now = useNow();
  const left = Math.ceil((props.endsAt - now) / 1000);
  const over = left <= 0;
  const { onEnded } = props;
  useEffect(() => {
    if (over) onEnded();
  }, [over, onEnded]);
  const codeExpired = props.codeExpiresAt !== undefined && props.codeExpiresAt <= now;
  if (over || (left > 120 && !codeExpired)) return null;
  return <p class="meta">{fill(m.code.sessionEndsIn, { time: duration(left) })}</p>;
}
