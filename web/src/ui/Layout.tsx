import type { ComponentChildren } from 'preact';
import type { Profile } from '../auth/profile';
import { useI18n } from '../i18n/i18n';
import { Link, pathOf, routeStore } from '../router';
import { useStore } from '../store';
import { LogoMark } from './icons';
import { LanguageSwitcher } from './LanguageSwitcher';
import { ProfileMenu } from './ProfileMenu';

function Brand() {
  const { m } = useI18n();
  return (
    <Link href="/" class="brand">
      <LogoMark />
      <span>{m.app.name}</span>
    </Link>
  );
}

function SkipLink() {
  const { m } = useI18n();
  return (
    <a class="skip-link" href="#main">
      {m.app.skipToContent}
    </a>
  );
}

/** Sign in and registration: a centred card, the language switcher on top. */
export function PublicLayout({ children }: { children: ComponentChildren }) {
  return (
    <div class="public">
      <SkipLink />
      <header class="topbar topbar-public">
        <Brand />
        <LanguageSwitcher />
      </header>
      <main id="main" class="public-main">
        <div class="public-card">{children}</div>
      </main>
    </div>
  );
}

/** Signed-in screens: the top bar with the profile icon. */
export function AppLayout(props: { profile: Profile; onSignOut: () => void; children: ComponentChildren }) {
  const { m } = useI18n();
  const inSettings = pathOf(useStore(routeStore)).startsWith('/settings');
  return (
    <div class="app">
      <SkipLink />
      <header class="topbar">
        <Brand />
        <nav class="topnav" aria-label={m.app.name}>
          {props.profile.role === 'admin' ? (
            <Link href="/settings/security/mfa" aria-current={inSettings ? 'page' : undefined}>
              {m.app.settings}
            </Link>
          ) : null}
        </nav>
        <div class="topbar-end">
          <LanguageSwitcher />
          <ProfileMenu profile={props.profile} onSignOut={props.onSignOut} />
        </div>
      </header>
      <main id="main" class="app-main">
        {props.children}
      </main>
    </div>
  );
}
