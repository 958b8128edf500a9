import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  ADMIN,
  chooseLanguage,
  enterPassword,
  invitationToken,
  lastMessageId,
  outbox,
  signIn,
} from './support/app';
import { AuthenticatorApp } from './support/factors';

/**
 * `npm run screenshots`: walks the main screens on a fresh `npm start` and writes docs/screenshots/*.png
 * for the README (English, Spanish, Italian; desktop and phone width). Not part of `npm test`.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1200, height: 760 } });

const DIR = join(__dirname, '../../docs/screenshots');
const shoot = async (page: Page, name: string, options: { fullPage?: boolean } = {}) => {
  // No caret, hover state or scroll offset in the pictures.
  await page.mouse.move(0, 0);
  await page.evaluate(
    'document.activeElement && document.activeElement.blur && document.activeElement.blur()',
  );
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({
    path: join(DIR, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
    ...options,
  });
};

/** One card (or any element) alone, for the screens that are a part of a long page. */
const shootElement = async (page: Page, element: Locator, name: string) => {
  await page.mouse.move(0, 0);
  await page.evaluate(
    'document.activeElement && document.activeElement.blur && document.activeElement.blur()',
  );
  await element.screenshot({ path: join(DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
};

const CARLA = {
  email: 'carla@demo-energy.test',
  password: 'amber lanterns over the bay',
  name: 'Carla Romero',
  phone: '+34 611 22 33 44',
  e164: '+34611223344',
};
const DARIO = {
  email: 'dario@demo-energy.test',
  password: 'olive groves in morning light',
  name: 'Dario Conti',
};

test('sign in, and Settings > Security > MFA with MFA on', async ({ page }) => {
  await page.goto('/sign-in');
  await page.locator('#email').fill(ADMIN.email);
  await shoot(page, '01-sign-in');
  await signIn(page, ADMIN);
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  const mfa = page.getByRole('switch', { name: 'Require MFA for all users' });
  if ((await mfa.getAttribute('aria-checked')) === 'false') await mfa.click();
  await expect(mfa).toHaveAttribute('aria-checked', 'true');
  for (const [email, language] of [
    [CARLA.email, 'es'],
    [DARIO.email, 'it'],
  ] as const) {
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Language of the email').selectOption(language);
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Invitation sent to ${email}.` })).toBeVisible();
  }
  await shoot(page, '02-settings-security-mfa', { fullPage: true });
});

test('registration in Spanish, and the SMS code step', async ({ page }) => {
  await page.goto(`/register?invitation=${await invitationToken(CARLA.email)}`);
  await chooseLanguage(page, 'es');
  await page.getByLabel('Nombre').fill(CARLA.name);
  await page.getByLabel('Contraseña', { exact: true }).fill(CARLA.password);
  await page.getByLabel('Número de teléfono').fill(CARLA.phone);
  await shoot(page, '03-register-es', { fullPage: true });
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await page.locator('#password').fill(CARLA.password);
  await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Reenviar código' })).toBeDisabled();
  await shoot(page, '04-code-sms-es', { fullPage: true });
});

test('the email code step in Italian at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 760 });
  await page.goto(`/register?invitation=${await invitationToken(DARIO.email)}`);
  await chooseLanguage(page, 'it');
  await page.getByLabel('Nome').fill(DARIO.name);
  await page.getByLabel('Password', { exact: true }).fill(DARIO.password);
  await page.getByRole('button', { name: 'Crea account' }).click();
  await page.locator('#password').fill(DARIO.password);
  await page.getByRole('button', { name: 'Accedi', exact: true }).click();
  await expect(
    page.getByText('Se non lo trovi, controlla la cartella Posta indesiderata/Spam.'),
  ).toBeVisible();
  await shoot(page, '05-code-email-it-phone');
});

test('Personal Preferences: the green message, then Update', async ({ page }) => {
  await signIn(page, CARLA, CARLA.e164);
  await chooseLanguage(page, 'en');
  await page.getByRole('button', { name: 'Account menu' }).click();
  await shoot(page, '06-profile-menu');
  await page.locator('#profile-menu').getByRole('link', { name: 'Personal Preferences' }).click();
  await page.getByLabel('Phone number').fill('+39 347 765 4321');
  const before = await lastMessageId('+393477654321');
  await page.getByRole('button', { name: 'Validate phone' }).click();
  const code = await outbox().latestCodeFor('+393477654321', { newerThan: before });
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'validated' })).toHaveText(
    'Your phone number has been validated',
  );
  await shoot(page, '07-preferences-validated');
});

test('the sign-in code step in English', async ({ page }) => {
  await page.goto('/sign-in');
  await enterPassword(page, ADMIN);
  await expect(page.getByRole('button', { name: 'Resend code' })).toBeDisabled();
  await shoot(page, '08-code-email-en');
});

test('Forgot password: the code and the new password', async ({ page }) => {
  await page.goto('/sign-in');
  await page.locator('#email').fill(ADMIN.email);
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByLabel('New password')).toBeVisible();
  await shoot(page, '09-forgot-password');
});

test('the code step with an authenticator app and Remember this device (answer stubbed)', async ({
  page,
}) => {
  await page.route('**/v1/auth/login', (route) =>
    route.fulfill({
      json: {
        status: 'MFA_REQUIRED',
        session: 'stubbed-session',
        channel: 'totp',
        expiresIn: 300,
        sessionExpiresIn: 900,
        resendAvailableIn: 0,
        methods: ['totp', 'sms', 'recovery_code'],
        rememberDeviceDays: 30,
      },
    }),
  );
  await page.goto('/sign-in');
  await enterPassword(page, ADMIN);
  await page.getByRole('checkbox', { name: 'Remember this device' }).check();
  await shoot(page, '10-code-authenticator-app', { fullPage: true });
});

test('Personal Preferences: an authenticator app from its QR code, recovery codes, at phone width', async ({
  page,
}) => {
  await signIn(page, DARIO);
  await chooseLanguage(page, 'en');
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.locator('#profile-menu').getByRole('link', { name: 'Personal Preferences' }).click();
  const card = page.locator('.card', { has: page.getByRole('heading', { name: 'Authenticator app' }) });
  await card.getByRole('button', { name: 'Add authenticator app' }).click();
  await expect(card.locator('svg.qr path')).toHaveAttribute('d', /^M/);
  await shootElement(page, card, '11-authenticator-app-qr');
  const secret = ((await card.locator('#totp-secret').textContent()) ?? '').replace(/\s+/g, '');
  await card.getByRole('textbox', { name: 'Code' }).fill(await new AuthenticatorApp(secret).nextCode());
  await card.getByRole('button', { name: 'Turn on' }).click();
  await expect(card.locator('.recovery-codes code')).toHaveCount(10);
  await shootElement(page, card, '12-recovery-codes');
  await card.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByText('10 recovery codes left.')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, '13-preferences-phone', { fullPage: true });
});

test('Settings > Security > MFA: users and invitations, and Reset MFA at phone width', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/settings/security/mfa');
  await page.getByLabel('Remembered-device days').fill('30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByLabel('Email', { exact: true }).fill('elena@demo-energy.test');
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(page.locator('.item-invitation')).toHaveCount(1);
  await shoot(page, '14-settings-users-invitations', { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page
    .locator('.item-user', { hasText: DARIO.email })
    .getByRole('button', { name: 'Reset MFA' })
    .click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.screenshot({ path: join(DIR, '15-reset-mfa-phone.png'), animations: 'disabled', caret: 'hide' });
});
