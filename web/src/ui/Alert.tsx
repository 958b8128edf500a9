import type { ComponentChildren } from 'preact';
import { AlertIcon, CheckCircleIcon, InfoIcon } from './icons';

/** An error the user must read: announced at once (role=alert). */
export function Alert({ children }: { children: ComponentChildren }) {
  return (
    <div class="banner banner-error" role="alert">
      <AlertIcon />
      <div>{children}</div>
    </div>
  );
}

/** A quiet note (not announced): how the code was sent, where to look. */
export function Note({
  children,
  tone = 'info',
}: {
  children: ComponentChildren;
  tone?: 'info' | 'warning';
}) {
  return (
    <div class={`banner banner-${tone}`}>
      <InfoIcon />
      <div>{children}</div>
    </div>
  );
}

/**
 * A live region that is always in the page (role=status), so that what appears in it is announced
 * politely; `children` empty = nothing shown.
 */
export function StatusRegion({
  children,
  tone = 'success',
}: {
  children?: ComponentChildren;
  tone?: 'success' | 'info';
}) {
  const shown = children !== undefined && children !== null && children !== false && children !== '';
  return (
    <div role="status" class={shown ? `banner banner-${tone}` : 'status-empty'}>
      {shown ? (
        <>
          {tone === 'success' ? <CheckCircleIcon /> : <InfoIcon />}
          <div>{children}</div>
        </>
      ) : null}
    </div>
  );
}
