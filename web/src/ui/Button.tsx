import type { ComponentChildren, JSX, Ref } from 'preact';

type ButtonProps = Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  readonly variant?: 'primary' | 'secondary' | 'quiet' | 'danger';
  readonly type?: 'button' | 'submit';
  /** Shows a spinner; the surrounding fieldset is what disables the form. */
  readonly busy?: boolean;
  readonly buttonRef?: Ref<HTMLButtonElement>;
  readonly children: ComponentChildren;
};

export function Button({
  variant = 'primary',
  type = 'button',
  busy,
  children,
  class: extra,
  buttonRef,
  ...rest
}: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, busy ? 'is-busy' : '', typeof extra === 'string' ? extra : '']
    .filter(Boolean)
    .join(' ');
  return (
    <button {...rest} ref={buttonRef} type={type} class={classes} aria-busy={busy || undefined}>
      {busy ? <span class="spinner" aria-hidden="true" /> : null}
      <span>{children}</span>
    </button>
  );
}
