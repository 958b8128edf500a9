import { useEffect } from 'preact/hooks';
import { signOut as logout } from './api/api';
import { loadProfile, profileStore } from './auth/profile';
import { sessionStore } from './auth/session';
import { useI18n } from './i18n/i18n';
import { safeNext } from './next';
import { navigate, pathOf, queryOf, routeStore } from './router';
import { ForgotPassword } from './screens/forgot-password/ForgotPassword';
import { Home } from './screens/home/Home';
import { NotFound } from './screens/not-found/NotFound';
import { Preferences } from './screens/preferences/Preferences';
import { Register } from './screens/register/Register';
import { SecurityMfa } from './screens/security-mfa/SecurityMfa';
import { SignIn } from './screens/sign-in/SignIn';
import { useStore } from './store';
import { AppLayout, PublicLayout } from './ui/Layout';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

const SIGNED_IN_PATHS = new Set([
  '/',
  '/preferences',
  '/settings',
  '/settings/security',
  '/settings/security/mfa',
]);

/** The screens by path; signed-in screens send a signed-out visitor to Sign in (and back afterwards). */
export function App() {
  const { locale, m } = useI18n();
  const route = useStore(routeStore);
  const session = useStore(sessionStore);
  const profile = useStore(profileStore);
  const path = pathOf(route);
  const query = queryOf(route);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const needsProfile = session.signedIn && !profile && path !== '/sign-in';
  useEffect(() => {
    if (needsProfile) void loadProfile({ applyLocale: true });
  }, [needsProfile]);

  if (path === '/register')
    return (
      <PublicLayout>
        <Register token={query.get('invitation')} />
      </PublicLayout>
    );

  if (path === '/forgot-password')
    return (
      <PublicLayout>
        <ForgotPassword />
      </PublicLayout>
    );

  if (path === '/sign-in') {
    const next = safeNext(query.get('next'));
    if (session.signedIn && profile) return <Redirect to={next} />;
    return (
      <PublicLayout>
        <SignIn next={next} />
      </PublicLayout>
    );
  }

  if (!SIGNED_IN_PATHS.has(path))
    return session.signedIn && profile ? (
      <AppLayout profile={profile} onSignOut={signOut}>
        <NotFound />
      </AppLayout>
    ) : (
      <PublicLayout>
        <NotFound />
      </PublicLayout>
    );

  if (!session.signedIn)
    return <Redirect to={path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(route)}`} />;
  if (!profile)
    return (
      <PublicLayout>
        <p class="muted">{m.app.loading}</p>
      </PublicLayout>
    );

  const admin = profile.role === 'admin';
  let screen = <NotFound />;
  if (path === '/') screen = <Home profile={profile} />;
  else if (path === '/preferences') screen = <Preferences profile={profile} />;
  else if (path === '/settings/security/mfa' && admin) screen = <SecurityMfa profile={profile} />;
  else if (path.startsWith('/settings') && admin) return <Redirect to="/settings/security/mfa" />;
  return (
    <AppLayout profile={profile} onSignOut={signOut}>
      {screen}
    </AppLayout>
  );
}

/** "Sign out": the logout route revokes this session's tokens, then Sign in. */
async function signOut(): Promise<void> {
  await logout();
  navigate('/sign-in');
}
