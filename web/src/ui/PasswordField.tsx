import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { Field, type FieldProps } from './Field';
import { EyeIcon, EyeOffIcon } from './icons';

/** A password box with a show/hide button (people mistype long passphrases). */
export function PasswordField(props: Omit<FieldProps, 'type' | 'trailing'>) {
  const { m } = useI18n();
  const [shown, setShown] = useState(false);
  const label = shown ? m.signIn.hidePassword : m.signIn.showPassword;
  return (
    <Field
      {...props}
      type={shown ? 'text' : 'password'}
      spellcheck={false}
      autoCapitalize="none"
      trailing={
        <button
          type="button"
          class="icon-button reveal"
          aria-label={label}
          title={label}
          aria-pressed={shown}
          onClick={() => setShown(!shown)}
        >
          {shown ? <EyeOffIcon /> : <EyeIcon />}
        </button>
      }
    />
  );
}
