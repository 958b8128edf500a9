import type { JSX } from 'preact';
import { createStore } from './store';

/**
 * A tiny history router: the path (with its query) is a store; links and `navigate` push history entries.
 * Paths: `/sign-in`, `/register?invitation=…`, `/`, `/preferences`, `/settings/security/mfa`.
 */
const current = () => `${window.location.pathname}${window.location.search}`;

export const routeStore = createStore(current());

window.addEventListener('popstate', () => routeStore.set(current()));

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === current()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  routeStore.set(current());
  window.scrollTo(0, 0);
}

export const pathOf = (route: string) => new URL(route, 'http://app').pathname;
export const queryOf = (route: string) => new URL(route, 'http://app').searchParams;

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & { href: string };

/** A same-app link: a real `<a href>` for the browser, client-side navigation on a plain click. */
export function Link({ href, onClick, ...rest }: LinkProps) {
  const follow = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (typeof onClick === 'function') onClick(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(href);
  };
  return <a {...rest} href={href} onClick={follow} />;
}
