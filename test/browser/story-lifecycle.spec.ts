import type { Browser, Page } from '@playwright/test';
import {
  ADMIN,
  chooseLanguage,
  enterPassword,
  expectAccessible,
  expectNoSideways,
  lastMessageId,
  outbox,
  signIn,
} from './support/app';
import { AuthenticatorApp, callApi, deviceTokenIn, lockByWrongCodes, registerByApi } from './support/factors';
import { expect, test } from './support/test';

/**
 * The account lifecycle and second factors in a real browser, after the seed story (files run in name
 * order against one stack; MFA is turned on here when it is not yet): the admin allows remembered
 * devices, invites, resends and revokes; Erin resets a forgotten password (in Italian), adds an
 * authenticator app, signs in with it and "Remember this device", then without a code, then with a
 * recovery code; she changes her password and signs out everywhere; the admin unlocks Frank, resets
 * Erin's MFA, meets LAST_ADMIN, and reads it all in the audit trail. Every new screen is scanned by axe.
 */
test.describe.configure({ mode: 'serial' });

const ERIN = {
  email: 'erin@demo-energy.test',
  password: 'marble stairs under the fig tree',
  name: 'Erin Walsh',
};
const ERIN_RESET_PASSWORD = 'lanterns drift across the harbour';
const ERIN_CHANGED_PASSWORD = 'seven owls above the granary';
const FRANK = {
  email: 'frank@demo-energy.test',
  password: 'copper kites over the dunes',
  name: 'Frank Moreau',
};
const GINA = 'gina@demo-energy.test';

let app: AuthenticatorApp | undefined;
let recoveryCodes: string[] = [];

const openSettings = async (page: Page) => {
  await page.goto('/settings/security/mfa');
  await expect(page.getByRole('heading', { name: 'Multi-factor authentication (MFA)' })).toBeVisible();
};

const openPreferences = async (page: Page) => {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.locator('#profile-menu').getByRole('link', { name: 'Personal Preferences' }).click();
  await expect(page.getByRole('heading', { name: 'Personal Preferences' })).toBeVisible();
};

const signOut = async (page: Page) => {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.locator('#profile-menu').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
};

const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
const invitationRow = (page: Page, email: string) => page.locator('.item-invitation', { hasText: email });
const userRow = (page: Page, email: string) => page.locator('.item-user', { hasText: email });

test('the admin allows remembered devices, invites Erin and Frank, resends and revokes an invitation', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await openSettings(page);
  const mfa = page.getByRole('switch', { name: 'Require MFA for all users' });
  if ((await mfa.getAttribute('aria-checked')) === 'false') await mfa.click();
  await expect(mfa).toHaveAttribute('aria-checked', 'true');

  const days = page.getByLabel('Remembered-device days');
  await days.fill('95');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#remember-days-error')).toHaveText('Enter a number of days from 0 to 90.');
  await days.fill('30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(
    status(page, 'People can now skip the code on a remembered browser for 30 days.'),
  ).toBeVisible();
  await expect(page.locator('.events li').first()).toContainText('Devices remembered for 30 days');

  for (const email of [ERIN.email, FRANK.email, GINA]) {
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(status(page, `Invitation sent to ${email}.`)).toBeVisible();
  }
  await expect(invitationRow(page, GINA)).toContainText('Pending');
  await expectAccessible(page, 'settings: users and invitations');

  const firstLink = await outbox().latestMessageTo(GINA);
  await invitationRow(page, GINA).getByRole('button', { name: 'Resend' }).click();
  await expect(status(page, `A new invitation went to ${GINA}.`)).toBeVisible();
  const second = await outbox().latestMessageTo(GINA, { newerThan: firstLink.id });
  expect(second.body).toMatch(/register\?invitation=/);

  await invitationRow(page, GINA).getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.getByRole('dialog', { name: `Revoke the invitation to ${GINA}?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'settings: revoke dialog');
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(status(page, `The invitation to ${GINA} was revoked.`)).toBeVisible();
  await expect(invitationRow(page, GINA)).toHaveCount(0); // the list shows pending ones
  await page.getByLabel('Show', { exact: true }).selectOption('revoked');
  await expect(invitationRow(page, GINA).first()).toContainText('Revoked');
  await expect(invitationRow(page, GINA).getByRole('button')).toHaveCount(0);
  await expect(page.locator('.events')).toContainText('Invitation revoked');

  await registerByApi(ERIN);
  await registerByApi(FRANK);
});

test('Erin resets a forgotten password in Italian, and signs in with the new one', async ({ page }) => {
  await page.goto('/sign-in');
  await chooseLanguage(page, 'it');
  await page.locator('#email').fill(ERIN.email);
  await page.getByRole('link', { name: 'Password dimenticata?' }).click();
  await expect(page.getByRole('heading', { name: 'Reimposta la password' })).toBeVisible();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(ERIN.email);
  await expectAccessible(page, 'forgot password (it)');

  const before = await lastMessageId(ERIN.email);
  await page.getByRole('button', { name: 'Invia codice' }).click();
  await expect(
    page.getByText(`Se esiste un account con ${ERIN.email}, gli abbiamo inviato un codice di 6 cifre.`),
  ).toBeVisible();
  await expect(page.getByLabel('Codice')).toBeFocused();
  await expectAccessible(page, 'forgot password: the code (it)');
  const code = await outbox().latestCodeFor(ERIN.email, { newerThan: before });

  await page.getByLabel('Codice').fill(code);
  await page.getByLabel('Nuova password').fill('password1234');
  await page.getByRole('button', { name: 'Reimposta password' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    "Questa password compare in violazioni di dati. Scegline un'altra.",
  );
  await page.getByLabel('Nuova password').fill(ERIN_RESET_PASSWORD);
  await page.getByRole('button', { name: 'Reimposta password' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(
    page.getByText('La tua password è stata cambiata. Accedi con la nuova password.'),
  ).toBeVisible();
  await expect(page.locator('#email')).toHaveValue(ERIN.email);

  // The same answer for an address nobody uses: nothing tells whether it exists.
  await page.getByRole('link', { name: 'Password dimenticata?' }).click();
  await page.getByLabel('Email', { exact: true }).fill('nobody@demo-energy.test');
  await page.getByRole('button', { name: 'Invia codice' }).click();
  await expect(page.getByText('Se esiste un account con nobody@demo-energy.test')).toBeVisible();
  await page.getByRole('link', { name: "Torna all'accesso" }).click();

  ERIN.password = ERIN_RESET_PASSWORD;
  await signIn(page, ERIN, ERIN.email, { goto: false, words: { submit: 'Accedi', verify: 'Verifica' } });
  // Her own language (English) after sign-in.
  await expect(page.getByRole('heading', { name: 'Welcome, Erin Walsh' })).toBeVisible();
});

test('Erin adds an authenticator app from its QR code and saves her recovery codes', async ({ page }) => {
  await signIn(page, ERIN);
  await chooseLanguage(page, 'en');
  await openPreferences(page);
  const card = page.locator('.card', { has: page.getByRole('heading', { name: 'Authenticator app' }) });
  await card.getByRole('button', { name: 'Add authenticator app' }).click();
  await expect(card.getByRole('img', { name: /QR code/ })).toBeVisible();
  await expect(card.locator('svg.qr path')).toHaveAttribute('d', /^M/);
  const secret = ((await card.locator('#totp-secret').textContent()) ?? '').replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  app = new AuthenticatorApp(secret);
  await expect(card.getByRole('textbox', { name: 'Code' })).toBeFocused();
  await expectAccessible(page, 'preferences: add an authenticator app');

  await card.getByRole('textbox', { name: 'Code' }).fill('000000');
  await card.getByRole('button', { name: 'Turn on' }).click();
  await expect(card.getByRole('alert')).toContainText("That code isn't right.");
  await card.getByRole('textbox', { name: 'Code' }).fill(await app.nextCode());
  await card.getByRole('button', { name: 'Turn on' }).click();
  await expect(card.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
  await expect(card.locator('.recovery-codes code')).toHaveCount(10);
  recoveryCodes = await card.locator('.recovery-codes code').allTextContents();
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Download as text' }).click();
  expect((await download).suggestedFilename()).toBe('recovery-codes.txt');
  await expectAccessible(page, 'preferences: recovery codes shown once');
  await card.getByRole('button', { name: 'I have saved them' }).click();
  await expect(card.locator('.recovery-codes')).toHaveCount(0);
  await expect(card).toContainText('Your authenticator app is set up.');
  await expect(page.getByText('10 recovery codes left.')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Authenticator app' })).toBeChecked();
  await expectAccessible(page, 'preferences with an authenticator app');
  await signOut(page);
});

test('Erin signs in with her app and "Remember this device", then again without a code', async ({ page }) => {
  await page.goto('/sign-in');
  await enterPassword(page, ERIN);
  await expect(page.getByText('Open your authenticator app and enter the code it shows.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resend code' })).toHaveCount(0);
  for (const other of ['Send a code by email', 'Use a recovery code'])
    await expect(page.getByRole('button', { name: other })).toBeVisible();
  const remember = page.getByRole('checkbox', { name: 'Remember this device' });
  await expect(remember).not.toBeChecked();
  await expect(page.getByText("You won't need a code on this browser for 30 days.")).toBeVisible();
  await expectAccessible(page, 'code step: authenticator app and Remember this device');
  await remember.check();
  await page.getByLabel('Code').fill(await app!.nextCode());
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Erin Walsh' })).toBeVisible();
  expect(await deviceTokenIn(page, ERIN.email)).toBeTruthy();

  // "Sign out" revokes this session's refresh token; the remembered device stays.
  const refreshToken = await refreshTokenIn(page);
  await signOut(page);
  await expectRevoked(refreshToken);
  await enterPassword(page, ERIN);
  await expect(page.getByRole('heading', { name: 'Welcome, Erin Walsh' })).toBeVisible();

  await openPreferences(page);
  const devices = page.locator('.card', { has: page.getByRole('heading', { name: 'Remembered devices' }) });
  await expect(devices.locator('.item')).toHaveCount(1);
  await expect(devices.locator('.item')).toContainText(/Added .* · last used .* · expires /);
});

test('on another browser Erin signs in with a recovery code, and makes new ones', async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto('/sign-in');
  await enterPassword(page, ERIN);
  // Another method: the app is preferred, so nothing was sent; asking for an email sends one.
  const before = await lastMessageId(ERIN.email);
  await page.getByRole('button', { name: 'Send a code by email' }).click();
  await expect(page.getByText(/^We emailed a code to e\*+@demo-energy\.test\.$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resend code' })).toBeVisible();
  await outbox().latestCodeFor(ERIN.email, { newerThan: before });
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await expect(page.getByText('Enter one of the recovery codes you saved. Each works once.')).toBeVisible();
  await expect(page.getByLabel('Recovery code')).toBeFocused();
  await expectAccessible(page, 'code step: a recovery code');
  await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Erin Walsh' })).toBeVisible();
  expect(await deviceTokenIn(page, ERIN.email)).toBeNull();

  await openPreferences(page);
  await expect(page.getByText('9 recovery codes left.')).toBeVisible();
  await page.getByRole('button', { name: 'Regenerate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new recovery codes?' });
  await dialog.getByRole('button', { name: 'Regenerate' }).click();
  await expect(page.locator('.recovery-codes code')).toHaveCount(10);
  const fresh = await page.locator('.recovery-codes code').allTextContents();
  expect(fresh).not.toContain(recoveryCodes[1]);
  recoveryCodes = fresh;
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByText('10 recovery codes left.')).toBeVisible();
  await page.close();
});

test('Erin changes her password and signs out everywhere: her session is revoked', async ({ page }) => {
  // A new browser context: the device remembered earlier is not here, so the app asks for its code.
  await page.goto('/sign-in');
  await enterPassword(page, ERIN);
  await page.getByLabel('Code').fill(await app!.nextCode());
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Erin Walsh' })).toBeVisible();
  await openPreferences(page);
  await expectAccessible(page, 'personal preferences, every card');
  const password = page.locator('.card', { has: page.getByRole('heading', { name: 'Password' }) });
  await password.getByLabel('Current password').fill('not my password at all');
  await password.getByLabel('New password').fill(ERIN_CHANGED_PASSWORD);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByRole('alert')).toHaveText('The email or password is incorrect.');
  await password.getByLabel('Current password').fill(ERIN.password);
  await password.getByLabel('New password').fill('password1234');
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByRole('alert')).toHaveText(
    'This password is known from data breaches. Choose another one.',
  );
  await password.getByLabel('New password').fill(ERIN_CHANGED_PASSWORD);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(status(page, 'Your password has been changed.')).toBeVisible();
  ERIN.password = ERIN_CHANGED_PASSWORD;

  const refreshToken = await refreshTokenIn(page);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' });
  await expectAccessible(page, 'preferences: sign out everywhere dialog');
  await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await expectRevoked(refreshToken);
});

test("the admin unlocks Frank, resets Erin's MFA, meets LAST_ADMIN, and reads it in the audit trail", async ({
  page,
}) => {
  await lockByWrongCodes(FRANK);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ADMIN);
  await openSettings(page);
  await expectNoSideways(page);
  const frank = userRow(page, FRANK.email);
  await expect(frank).toContainText('Codes locked until');
  await expectAccessible(page, 'settings at phone width: a locked user');
  await frank.getByRole('button', { name: 'Unlock' }).click();
  await expect(status(page, 'Frank Moreau can enter codes again.')).toBeVisible();
  await expect(frank.getByRole('button', { name: 'Unlock' })).toHaveCount(0);

  const erin = userRow(page, ERIN.email);
  await expect(erin).toContainText('MFA: Authenticator app, Email');
  await erin.getByRole('button', { name: 'Reset MFA' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset MFA for Erin Walsh?' });
  await expect(dialog).toContainText('Their next sign-in gets codes by email.');
  await expectAccessible(page, 'settings: Reset MFA dialog');
  await dialog.getByRole('button', { name: 'Reset MFA' }).click();
  await expect(status(page, 'MFA was reset for Erin Walsh.')).toBeVisible();
  await expect(erin).toContainText('MFA: Email');

  await frank.getByRole('button', { name: 'Disable' }).click();
  await expect(status(page, 'Frank Moreau was disabled and signed out everywhere.')).toBeVisible();
  await expect(frank).toContainText('Disabled');
  await frank.getByRole('button', { name: 'Enable' }).click();
  await expect(status(page, 'Frank Moreau can sign in again.')).toBeVisible();

  await userRow(page, ADMIN.email).getByLabel(`Role of ${ADMIN.name}`).selectOption('member');
  await expect(page.getByRole('alert')).toHaveText('The account needs at least one active admin.');
  await expect(userRow(page, ADMIN.email).getByLabel(`Role of ${ADMIN.name}`)).toHaveValue('admin');

  const events = page.locator('.events');
  for (const event of [
    'MFA reset by an admin',
    'User unlocked',
    'User disabled',
    'User enabled',
    'Codes locked after too many incorrect attempts',
    'Signed out everywhere',
    'Password changed',
    'New recovery codes created',
    'Recovery code used to sign in',
    'Signed in on a remembered device',
    'Device remembered',
    'Authenticator app added',
    'Password reset',
  ])
    await expect(events).toContainText(event);
  await expectNoSideways(page);
  await expectAccessible(page, 'settings at phone width with the new events');
});

test('after the reset Erin signs in with an email code, in Spanish', async ({ page }) => {
  await page.goto('/sign-in');
  await chooseLanguage(page, 'es');
  const before = await lastMessageId(ERIN.email);
  await enterPassword(page, ERIN, 'Iniciar sesión');
  await expect(
    page.getByText(/^Hemos enviado un código por correo a e\*+@demo-energy\.test\.$/),
  ).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Recordar este dispositivo' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Usar mi aplicación de autenticación' })).toHaveCount(0);
  await expectAccessible(page, 'code step (es) with Remember this device');
  const code = await outbox().latestCodeFor(ERIN.email, { newerThan: before });
  await page.getByRole('checkbox', { name: 'Recordar este dispositivo' }).check();
  await page.getByLabel('Código', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Verificar' }).click();
  // Her own language (English) after sign-in; this browser is remembered again.
  await expect(page.getByRole('heading', { name: 'Welcome, Erin Walsh' })).toBeVisible();
  expect(await deviceTokenIn(page, ERIN.email)).toBeTruthy();
});

async function refreshTokenIn(page: Page): Promise<string> {
  const token = await page.evaluate<string | null>("window.sessionStorage.getItem('mfa.refreshToken')");
  expect(token).toBeTruthy();
  return token!;
}

/** The service no longer renews a session with this refresh token. */
async function expectRevoked(refreshToken: string) {
  await expect
    .poll(async () => (await callApi('POST', '/v1/auth/refresh', { refreshToken })).status, {
      timeout: 15_000,
    })
    .toBe(401);
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}
