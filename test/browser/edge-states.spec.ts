import { ADMIN, enterPassword, expectAccessible, expectNoSideways, signIn } from './support/app';
import { expect, test } from './support/test';

/**
 * States the local stack does not reach on demand, with the API's answers stubbed in the browser
 * (page.route): an SMS that fell back to email with other methods on offer, a lock with its time in
 * words, a session of several KB, and a 401 in the middle of a session.
 */
const errorBody = (code: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message: 'English text the app does not show', ...extra },
});

test('an SMS that fell back to email, other methods, a long session, and the lock time in words', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const session = `s-${'x'.repeat(6000)}`;
  await page.route('**/v1/auth/login', (route) =>
    route.fulfill({
      json: {
        status: 'MFA_REQUIRED',
        session,
        channel: 'email',
        destination: 'a***@demo-energy.test',
        expiresIn: 300,
        sessionExpiresIn: 900,
        resendAvailableIn: 30,
        methods: ['sms', 'email', 'totp', 'recovery_code'],
        fallbackFrom: 'sms',
      },
    }),
  );
  let verifyBody: Record<string, unknown> | undefined;
  await page.route('**/v1/auth/mfa/verify', (route) => {
    verifyBody = route.request().postDataJSON();
    return route.fulfill({
      status: 429,
      headers: { 'Retry-After': '900' },
      json: errorBody('MFA_LOCKED', { retryAfter: 900 }),
    });
  });

  await page.goto('/sign-in');
  await expectNoSideways(page);
  await enterPassword(page, ADMIN);
  await expect(
    page.getByText("We couldn't send a text message, so we emailed the code instead."),
  ).toBeVisible();
  await expect(page.getByText("If you can't find it, check your Junk/Spam folder.")).toBeVisible();
  await expect(page.getByText('The code expires in 5 minutes.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Other ways to verify' })).toBeVisible();
  for (const method of ['Send a code by text message', 'Use my authenticator app', 'Use a recovery code'])
    await expect(page.getByRole('button', { name: method })).toBeVisible();
  await expectNoSideways(page);
  await expectAccessible(page, 'code step with a fallback and other methods');

  await page.getByRole('button', { name: 'Use my authenticator app' }).click();
  await expect(page.getByText('Open your authenticator app and enter the code it shows.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resend code' })).toHaveCount(0);
  await page.getByLabel('Code').fill('123456');
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Too many incorrect codes. For your security, codes are locked for 15 minutes.',
  );
  // Back at the password step: this sign-in cannot go on.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(verifyBody).toEqual({ session, code: '123456', method: 'totp' });
});

test('a 401 in the middle of a session sends the user back to Sign in, and then where they were', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { name: 'Welcome, Demo Admin' })).toBeVisible();
  await page.route('**/v1/accounts/**', (route) =>
    route.fulfill({ status: 401, json: errorBody('UNAUTHORIZED') }),
  );
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Fsecurity%2Fmfa$/);
  await expect(page.getByText('Your session has ended. Sign in again.')).toBeVisible();
  await page.unrouteAll();

  await signIn(page, ADMIN, ADMIN.email, { goto: false });
  await expect(page.getByRole('heading', { name: 'Multi-factor authentication (MFA)' })).toBeVisible();
});

test('a change that needs a recent sign-in says so in words, and Sign in again comes back', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.locator('#profile-menu').getByRole('link', { name: 'Personal Preferences' }).click();
  await page.route('**/v1/me/mfa/totp', (route) =>
    route.fulfill({ status: 401, json: errorBody('REAUTHENTICATION_REQUIRED') }),
  );
  await page.getByRole('button', { name: 'Add authenticator app' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'For your security, sign in again to make this change.',
  );
  await expectAccessible(page, 'preferences: sign in again');
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fpreferences$/);
  await expect(page.getByText('Sign in again to continue.')).toBeVisible();
  await page.unrouteAll();
  await signIn(page, ADMIN, ADMIN.email, { goto: false });
  await expect(page.getByRole('heading', { name: 'Personal Preferences' })).toBeVisible();
});
