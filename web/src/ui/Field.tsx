import type { ComponentChildren, JSX, Ref } from 'preact';

export interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly type?: 'text' | 'email' | 'password' | 'tel';
  readonly autoComplete?: string;
  readonly inputMode?: 'text' | 'numeric' | 'tel' | 'email';
  readonly hint?: ComponentChildren;
  /** A client-side check's message (API problems go to an Alert). */
  readonly error?: string;
  /** The field is part of what the last API problem refused. */
  readonly invalid?: boolean;
  /** Shown after the label, like "optional". */
  readonly optional?: string;
  readonly readOnly?: boolean;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly inputClass?: string;
  /** Rewrites what was typed or pasted before it is kept (e.g. digits only). */
  readonly clean?: (raw: string) => string;
  /** A control inside the field's box, after the input (the show-password button). */
  readonly trailing?: ComponentChildren;
  readonly spellcheck?: boolean;
  readonly autoCapitalize?: 'on' | 'off' | 'none' | 'sentences' | 'words' | 'characters';
  readonly dir?: 'ltr' | 'rtl' | 'auto';
}

/** Label, input, hint and error, wired for assistive technology (aria-describedby, aria-invalid). */
export function Field(props: FieldProps) {
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  const onInput = (event: JSX.TargetedEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const value = props.clean ? props.clean(input.value) : input.value;
    // Keep the box equal to the state even when cleaning changed nothing the state can see.
    if (value !== input.value) input.value = value;
    props.onValue(value);
  };
  return (
    <div class={`field${props.error || props.invalid ? ' field-invalid' : ''}`}>
      <label for={props.id}>
        {props.label}
        {props.optional ? <span class="optional"> ({props.optional})</span> : null}
      </label>
      <div class={`input-box${props.trailing ? ' has-trailing' : ''}`}>
        <input
          id={props.id}
          name={props.id}
          ref={props.inputRef}
          class={props.inputClass}
          type={props.type ?? 'text'}
          value={props.value}
          onInput={onInput}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          readOnly={props.readOnly}
          spellcheck={props.spellcheck}
          autoCapitalize={props.autoCapitalize}
          dir={props.dir}
          aria-invalid={props.error || props.invalid ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
        />
        {props.trailing}
      </div>
      {props.hint ? (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} class="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
