import { useEffect, useRef, useState } from 'preact/hooks';
import type { Profile } from '../auth/profile';
import { useI18n } from '../i18n/i18n';
import { Link, routeStore } from '../router';
import { UserIcon } from './icons';

/** The profile icon, top right: who is signed in, Personal Preferences, Settings (admins), Sign out. */
export function ProfileMenu({ profile, onSignOut }: { profile: Profile; onSignOut: () => void }) {
  const { m } = useI18n();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        setOpen(false);
        button.current?.focus();
        return;
      }
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    const unsubscribe = routeStore.subscribe(() => setOpen(false));
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      unsubscribe();
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div class="profile" ref={box}>
      <button
        ref={button}
        type="button"
        class="avatar-button"
        aria-label={m.app.accountMenu}
        aria-expanded={open}
        aria-controls="profile-menu"
        onClick={() => setOpen(!open)}
      >
        <span class="avatar">
          <UserIcon />
        </span>
      </button>
      {open ? (
        <div id="profile-menu" class="menu">
          <div class="menu-who">
            <span class="menu-caption">{m.app.signedInAs}</span>
            <strong>{profile.name}</strong>
            <span class="menu-email">{profile.email}</span>
          </div>
          <ul>
            <li>
              <Link href="/preferences">{m.app.personalPreferences}</Link>
            </li>
            {profile.role === 'admin' ? (
              <li>
                <Link href="/settings/security/mfa">{m.app.settings}</Link>
              </li>
            ) : null}
            <li>
              <button type="button" onClick={onSignOut}>
                {m.app.signOut}
              </button>
            </li>
          </ul>
        </div>
      ) : null}
    </div>
  );
}
