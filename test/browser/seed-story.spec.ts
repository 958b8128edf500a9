import {
  ADMIN,
  chooseLanguage,
  enterPassword,
  expectAccessible,
  expectNoSideways,
  invitationToken,
  lastMessageId,
  outbox,
  signIn,
} from './support/app';
import { expect, test } from './support/test';

/**
 * The seed story in a real browser, against `npm start`: the admin turns MFA on and invites; Alice
 * registers with a phone (Spanish) and signs in with an SMS code; Bruno registers without one (Italian)
 * and signs in with an email code and "Resend code"; Alice changes her MFA phone (English) with the
 * green message and Update. Every screen is scanned with axe (WCAG A/AA). The tests run in order.
 */
test.describe.configure({ mode: 'serial' });

const ALICE = {
  email: 'alice@demo-energy.test',
  password: 'quiet river stones at dawn',
  name: 'Alice Ortega',
  phone: '+34 612 34 56 78',
  e164: '+34612345678',
};
const BRUNO = {
  email: 'bruno@demo-energy.test',
  password: 'seven copper kettles sing',
  name: 'Bruno Bianchi',
};
const ALICE_NEW_PHONE = { written: '+39 347 123 4567', e164: '+393471234567' };

test('the admin signs in, turns MFA on and invites Alice (Spanish) and Bruno (Italian)', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  await expectAccessible(page, 'sign in');

  await enterPassword(page, { email: ADMIN.email, password: 'not the password at all' });
  await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.');
  await enterPassword(page, ADMIN);
  await expect(page.getByRole('heading', { name: 'Welcome, Demo Admin' })).toBeVisible();
  await expectAccessible(page, 'home');

  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Multi-factor authentication (MFA)' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Settings' })).toContainText('SettingsSecurityMFA');
  const mfa = page.getByRole('switch', { name: 'Require MFA for all users' });
  await expect(mfa).toHaveAttribute('aria-checked', 'false');
  await expectAccessible(page, 'settings > security > MFA');
  await mfa.click();
  await expect(mfa).toHaveAttribute('aria-checked', 'true');
  await expect(
    page.getByRole('status').filter({ hasText: 'MFA is now required at every sign-in.' }),
  ).toBeVisible();
  await expect(page.locator('.events')).toContainText('MFA turned on');

  const invite = async (email: string, language: 'es' | 'it') => {
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption('member');
    await page.getByLabel('Language of the email').selectOption(language);
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Invitation sent to ${email}.` })).toContainText(
      'They will need MFA to sign in.',
    );
  };
  await invite(ALICE.email, 'es');
  await invite(BRUNO.email, 'it');
  expect((await outbox().latestMessageTo(ALICE.email)).body).toContain('Demo Energy Co');
  await expect(page.locator('.events li').first()).toContainText('Invitation sent');

  // The API's 409 in words, announced.
  await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Someone with this email already has an account.');
  await expectAccessible(page, 'settings with events and an error');
});

test('Alice registers in Spanish with her phone; a common password is refused in Spanish', async ({
  page,
}) => {
  await page.goto(`/register?invitation=${await invitationToken(ALICE.email)}`);
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await expect(page.getByText("You've been invited to join Demo Energy Co.")).toBeVisible();
  await expect(page.getByLabel('Phone number')).toBeVisible();
  await expect(page.getByText('Leave it empty to get your codes by email.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();

  await chooseLanguage(page, 'es');
  await expect(page.getByRole('heading', { name: 'Crea tu cuenta' })).toBeVisible();
  await page.getByLabel('Nombre').fill(ALICE.name);
  await page.getByLabel('Contraseña', { exact: true }).fill('password1234');
  await page.getByLabel('Número de teléfono').fill(ALICE.phone);
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  // WEAK_PASSWORD with its reason (`common`) in words.
  await expect(page.getByRole('alert')).toHaveText(
    'Esta contraseña aparece en filtraciones de datos. Elige otra.',
  );
  await expect(page.getByLabel('Contraseña', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'registration (es) with an error');

  await page.getByLabel('Contraseña', { exact: true }).fill(ALICE.password);
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText('Tu cuenta está lista. Inicia sesión para continuar.')).toBeVisible();
  await expect(page.locator('#email')).toHaveValue(ALICE.email);
});

test('Alice signs in with an SMS code in Spanish: countdown, a wrong code, a pasted code', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await chooseLanguage(page, 'es');
  const before = await lastMessageId(ALICE.e164);
  await enterPassword(page, ALICE, 'Iniciar sesión');
  await expect(page.getByRole('heading', { name: 'Introduce el código de 6 dígitos' })).toBeVisible();
  await expect(page.getByText(/^Hemos enviado un código por SMS al \+34 \*+78\.$/)).toBeVisible();
  const resend = page.getByRole('button', { name: 'Reenviar código' });
  await expect(resend).toBeDisabled();
  await expect(page.getByText(/^Podrás pedir un código nuevo dentro de \d segundos?\.$/)).toBeVisible();
  await expect(page.getByText(/^El código caduca dentro de 5 minutos\.$/)).toBeVisible();
  const box = page.getByLabel('Código');
  await expect(box).toBeFocused();
  await expect(box).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(box).toHaveAttribute('inputmode', 'numeric');
  await expectAccessible(page, 'code step (es, SMS)');

  const code = await outbox().latestCodeFor(ALICE.e164, { newerThan: before });
  await box.fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Verificar' }).click();
  await expect(page.getByRole('alert')).toHaveText('Ese código no es correcto. Te quedan 4 intentos.');
  await expect(box).toHaveValue('');

  await box.pressSequentially('12ab-');
  await expect(box).toHaveValue('12');
  await box.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(box).toHaveValue(code);
  await page.getByRole('button', { name: 'Verificar' }).click();
  await expect(page.getByRole('heading', { name: 'Hola, Alice Ortega' })).toBeVisible();
  await expect(
    page.getByText('Los códigos de inicio de sesión llegan por SMS al +34612345678.'),
  ).toBeVisible();
});

test('Bruno registers in Italian without a phone, then signs in with an email code and Resend', async ({
  page,
}) => {
  await page.goto(`/register?invitation=${await invitationToken(BRUNO.email)}`);
  await chooseLanguage(page, 'it');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Crea il tuo account' })).toBeVisible(); // remembered
  await expect(page.getByText('Lascialo vuoto per riceverli via email.', { exact: false })).toBeVisible();
  await page.getByLabel('Nome').fill(BRUNO.name);
  await page.getByLabel('Password', { exact: true }).fill(BRUNO.password);
  await expectAccessible(page, 'registration (it)');
  await page.getByRole('button', { name: 'Crea account' }).click();
  await expect(page.getByText('Il tuo account è pronto. Accedi per continuare.')).toBeVisible();
  await expectAccessible(page, 'sign in (it) after registration');

  const before = await lastMessageId(BRUNO.email);
  await page.locator('#password').fill(BRUNO.password);
  await page.getByRole('button', { name: 'Accedi', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Inserisci il codice di 6 cifre' })).toBeVisible();
  const resend = page.getByRole('button', { name: 'Invia di nuovo il codice' });
  await expect(resend).toBeDisabled();
  await expect(page.getByText('Abbiamo inviato un codice via email a b***@demo-energy.test.')).toBeVisible();
  await expect(
    page.getByText('Se non lo trovi, controlla la cartella Posta indesiderata/Spam.'),
  ).toBeVisible();
  await expectAccessible(page, 'code step (it, email)');

  const first = await outbox().latestMessageTo(BRUNO.email, { newerThan: before });
  await expect(resend).toBeEnabled({ timeout: 10_000 });
  await resend.click();
  await expect(page.getByRole('status')).toHaveText(
    'Ti abbiamo inviato un nuovo codice. I codici precedenti non valgono più.',
  );
  await expect(resend).toBeDisabled();
  const second = await outbox().latestCodeFor(BRUNO.email, { newerThan: first.id });

  const box = page.getByLabel('Codice');
  await box.fill(/\b(\d{6})\b/.exec(first.body)![1]!);
  await page.getByRole('button', { name: 'Verifica', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Il codice non è corretto. Ti restano 4 tentativi.');
  await box.fill(second);
  await page.getByRole('button', { name: 'Verifica', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Ciao, Bruno Bianchi' })).toBeVisible();
  await expect(
    page.getByText('I codici di accesso arrivano via email a bruno@demo-energy.test.'),
  ).toBeVisible();
});

test('Alice changes her MFA phone: Validate phone, Verify, the green message, Update', async ({ page }) => {
  await signIn(page, ALICE, ALICE.e164);
  // Her own language after sign-in; the switcher still changes it.
  await expect(page.getByRole('heading', { name: 'Hola, Alice Ortega' })).toBeVisible();
  await chooseLanguage(page, 'en');
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.locator('#profile-menu').getByRole('link', { name: 'Personal Preferences' }).click();
  await expect(page.getByRole('heading', { name: 'Personal Preferences' })).toBeVisible();
  await expect(page.getByText('Sign-in codes go by text message to +34612345678.')).toBeVisible();
  await expectAccessible(page, 'personal preferences');

  await page.getByLabel('Phone number').fill('+1 555 0100');
  await page.getByRole('button', { name: 'Validate phone' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Enter a mobile number in international format, starting with + and the country code.',
  );

  await page.getByLabel('Phone number').fill(ALICE_NEW_PHONE.written);
  await page.getByRole('button', { name: 'Validate phone' }).click();
  await expect(page.getByText(/^We sent a 6-digit code by text message to \+39 \*+67\.$/)).toBeVisible();
  const code = await outbox().latestCodeFor(ALICE_NEW_PHONE.e164);
  await expect(page.getByLabel('Code')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Resend code' })).toBeDisabled();
  await expectAccessible(page, 'personal preferences: the code');
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();

  const validated = page.getByRole('status').filter({ hasText: 'Your phone number has been validated' });
  await expect(validated).toBeVisible();
  await expect(validated).toHaveCSS('color', 'rgb(22, 101, 52)'); // the green message
  await expectAccessible(page, 'personal preferences: validated');
  await page.getByRole('button', { name: 'Update', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sign-in codes now go to' })).toHaveText(
    'Sign-in codes now go to +393471234567. We emailed you about the change.',
  );
  await expect(page.getByText('Sign-in codes go by text message to +393471234567.')).toBeVisible();

  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.locator('#profile-menu').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await signIn(page, ALICE, ALICE_NEW_PHONE.e164);
  await expect(page.getByRole('heading', { name: 'Hola, Alice Ortega' })).toBeVisible();
});

test('the admin, now with email codes, sees the story in the audit trail, also at phone width', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ADMIN, ADMIN.email);
  await expect(page.getByRole('heading', { name: 'Welcome, Demo Admin' })).toBeVisible();
  for (const language of ['es', 'it', 'en'] as const) {
    await chooseLanguage(page, language);
    await expectNoSideways(page);
  }
  // At phone width Settings is in the profile menu (and on the home page).
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.locator('#profile-menu').getByRole('link', { name: 'Settings' }).click();
  const events = page.locator('.events');
  for (const event of ['MFA phone number changed', 'Account created', 'Invitation used', 'MFA turned on'])
    await expect(events).toContainText(event);
  for (const language of ['es', 'it', 'en'] as const) {
    await chooseLanguage(page, language);
    await expectNoSideways(page);
  }
  await expectAccessible(page, 'settings at phone width');
});

test('links that cannot be used, and pages that do not exist, say so', async ({ page }) => {
  await page.goto('/register?invitation=not-a-real-invitation-token');
  await expect(page.getByRole('heading', { name: "This invitation can't be used" })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(
    "This invitation link isn't valid. Open the link from your email again.",
  );
  await expectAccessible(page, 'unusable invitation');
  await page.goto(`/register?invitation=${await invitationToken(ALICE.email)}`);
  await expect(page.getByRole('alert')).toHaveText('This invitation was already used. Sign in instead.');
  await page.getByRole('link', { name: 'Go to Sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.goto('/nowhere/at/all');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectAccessible(page, 'not found');
});
