import type { FieldProps } from './Field';
import { Field } from './Field';

/** Up to 10 digits: the longest code the API may be configured to send. */
export const MAX_CODE_DIGITS = 10;
export const onlyDigits = (raw: string) => raw.replace(/\D+/g, '').slice(0, MAX_CODE_DIGITS);

/**
 * The one-time code box: one real input, digits only (a pasted "123 456" or "123-456" becomes 123456),
 * `autocomplete="one-time-code"` so phones offer the code from the SMS, a numeric keypad.
 */
export function OtpField(props: Omit<FieldProps, 'type' | 'clean' | 'inputMode' | 'autoComplete'>) {
  return (
    <Field
      {...props}
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      clean={onlyDigits}
      spellcheck={false}
      autoCapitalize="off"
      dir="ltr"
      inputClass="otp"
    />
  );
}
