import type { Ref } from 'preact';
import { useI18n } from '../../i18n/i18n';
import { Note } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CodeEntry } from '../../ui/CodeEntry';
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
  readonly pending: boolean;
  readonly resending: boolean;
  readonly error?: string;
  readonly invalid: boolean;
  readonly codeField: Ref<HTMLInputElement>;
}

/** "Enter the 6-digit code", "Verify", "Resend code"; other methods when the user has them. */
export function CodeStep(props: CodeStepProps) {
  const { m, rich } = useI18n();
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
