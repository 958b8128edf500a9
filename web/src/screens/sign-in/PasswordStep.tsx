import type { Ref } from 'preact';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { PasswordField } from '../../ui/PasswordField';

export interface PasswordStepProps {
  readonly email: string;
  readonly password: string;
  readonly onEmail: (value: string) => void;
  readonly onPassword: (value: string) => void;
  readonly onSubmit: () => void;
  readonly pending: boolean;
  readonly errors: { readonly email?: string; readonly password?: string };
  readonly invalid: boolean;
  readonly emailField: Ref<HTMLInputElement>;
  readonly passwordField: Ref<HTMLInputElement>;
  /** Before following "Forgot password?" (hands the email over). */
  readonly onForgot: () => void;
}

/** "Email", "Password", "Sign in", "Forgot password?". */
export function PasswordStep(props: PasswordStepProps) {
  const { m } = useI18n();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <fieldset disabled={props.pending} class="stack">
        <Field
          id="email"
          label={m.signIn.email}
          type="email"
          autoComplete="username"
          inputMode="email"
          spellcheck={false}
          autoCapitalize="none"
          value={props.email}
          onValue={props.onEmail}
          error={props.errors.email}
          invalid={props.invalid}
          inputRef={props.emailField}
        />
        <PasswordField
          id="password"
          label={m.signIn.password}
          autoComplete="current-password"
          value={props.password}
          onValue={props.onPassword}
          error={props.errors.password}
          invalid={props.invalid}
          inputRef={props.passwordField}
        />
        <Button type="submit" busy={props.pending} class="btn-block">
          {m.signIn.submit}
        </Button>
        <p class="center">
          <Link href="/forgot-password" onClick={props.onForgot}>
            {m.signIn.forgot}
          </Link>
        </p>
      </fieldset>
    </form>
  );
}
