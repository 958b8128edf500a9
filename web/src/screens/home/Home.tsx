import type { Profile } from '../../auth/profile';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import { ChevronRightIcon, MailIcon, PhoneIcon, ShieldIcon } from '../../ui/icons';
import { PageHeading, useTitle } from '../../ui/Page';

/** After sign-in: who you are, how your codes arrive, and where to go. */
export function Home({ profile }: { profile: Profile }) {
  const { m, fill } = useI18n();
  useTitle(m.app.home);
  const status =
    profile.mfaChannel !== 'none' && profile.mfa.preferred === 'totp'
      ? m.home.mfaTotp
      : profile.mfaChannel === 'sms' && profile.phoneNumber
        ? fill(m.home.mfaSms, { phone: profile.phoneNumber })
        : profile.mfaChannel === 'email'
          ? fill(m.home.mfaEmail, { email: profile.email })
          : m.home.mfaNone;
  return (
    <div class="page stack-lg">
      <div class="stack-sm">
        <PageHeading>{fill(m.home.welcome, { name: profile.name })}</PageHeading>
        <p class="muted">{m.home.intro}</p>
      </div>
      <p class="with-icon status-line">
        {profile.mfaChannel === 'sms' ? (
          <PhoneIcon />
        ) : profile.mfaChannel === 'email' ? (
          <MailIcon />
        ) : (
          <ShieldIcon />
        )}
        <span>{status}</span>
      </p>
      <ul class="tiles">
        <li>
          <Link href="/preferences" class="tile">
            <span class="tile-title">{m.app.personalPreferences}</span>
            <span class="tile-text">{m.home.preferencesText}</span>
            <ChevronRightIcon />
          </Link>
        </li>
        {profile.role === 'admin' ? (
          <li>
            <Link href="/settings/security/mfa" class="tile">
              <span class="tile-title">{m.home.securityTitle}</span>
              <span class="tile-text">{m.home.securityText}</span>
              <ChevronRightIcon />
            </Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
