import type { ComponentChildren, Ref } from 'preact';
import { useI18n } from '../i18n/i18n';
import { Button } from './Button';
import { Field } from './Field';
import { OtpField } from './OtpField';
import { useNow } from './useNow';

export interface CodeEntryProps {
  readonly id: string;
  readonly code: string;
  readonly onCode: (code: string) => void;
  readonly onVerify: () => void;
  readonly onResend?: () => void;
  /** Epoch ms: "Resend code" is disabled (with a countdown) until then. */
  readonly resendAt?: number;
  /** Epoch ms: when the code stops working (said in words). */
  readonly expiresAt?: number;
  readonly pending: boolean;
  readonly resending?: boolean;
  readonly verifyLabel: string;
  readonly error?: string;
  readonly invalid?: boolean;
  readonly inputRef?: Ref<HTMLInputElement>;
  /** A recovery code is letters and digits: a plain text box instead of the digits-only one. */
  readonly recovery?: boolean;
  readonly children?: ComponentChildren;
  /** Inside the form, just before Verify ("Remember this device"). */
  readonly options?: ComponentChildren;
}

/** The code box with Verify, and "Resend code" with its countdown, plus how long the code lasts. */
export function CodeEntry(props: CodeEntryProps) {
  const { m, fill, duration } = useI18n();
  const now = useNow();
  const resendWait = props.resendAt === undefined ? 0 : Math.ceil((props.resendAt - now) / 1000);
  const expiresIn = props.expiresAt === undefined ? undefined : Math.ceil((props.expiresAt - now) / 1000);
  const field = props.recovery ? (
    <Field
      id={props.id}
      label={m.code.recoveryLabel}
      value={props.code}
      onValue={props.onCode}
      autoComplete="off"
      spellcheck={false}
      autoCapitalize="off"
      error={props.error}
      invalid={props.invalid}
      inputRef={props.inputRef}
    />
  ) : (
    <OtpField
      id={props.id}
      label={m.code.label}
      value={props.code}
      onValue={props.onCode}
      hint={m.code.hint}
      error={props.error}
      invalid={props.invalid}
      inputRef={props.inputRef}
    />
  );
  return (
    <form
      class="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onVerify();
      }}
    >
      <fieldset disabled={props.pending} class="stack">
        {field}
        {expiresIn !== undefined ? (
          <p class={`meta${expiresIn <= 0 ? ' meta-warning' : ''}`}>
            {expiresIn > 0 ? fill(m.code.expiresIn, { time: duration(expiresIn) }) : m.code.expired}
          </p>
        ) : null}
        {props.options}
        <Button type="submit" busy={props.pending && !props.resending} class="btn-block">
          {props.verifyLabel}
        </Button>
      </fieldset>
      {props.onResend ? (
        <div class="resend">
          <Button
            variant="secondary"
            disabled={resendWait > 0 || props.pending}
            busy={props.resending}
            onClick={props.onResend}
          >
            {m.code.resend}
          </Button>
          {resendWait > 0 ? (
            <p class="meta">{fill(m.code.resendIn, { time: duration(resendWait) })}</p>
          ) : null}
        </div>
      ) : null}
      {props.children}
    </form>
  );
}
