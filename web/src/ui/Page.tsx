import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

/** The screen's title in the tab, and its heading, focused when the screen opens (for screen readers). */
export function useTitle(title: string): void {
  const { m } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${m.app.name}`;
  }, [title, m.app.name]);
}

export function PageHeading({ children, focus = true }: { children: ComponentChildren; focus?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus({ preventScroll: true });
  }, [focus]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** Focuses the element when `key` changes (each step's first field). */
export function useFocus<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}

export function Card({ children, class: extra }: { children: ComponentChildren; class?: string }) {
  return <section class={`card${extra ? ` ${extra}` : ''}`}>{children}</section>;
}
