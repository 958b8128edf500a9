import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { gatewayOutbox, type OutboxReader } from '../../support/outbox';

/** What the browser tests share: the people of the story, the outbox, sign-in steps and the axe scan. */
export const ADMIN = {
  email: 'admin@demo-energy.test',
  password: 'correct-horse-battery-staple',
  name: 'Demo Admin',
};

export interface Person {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly phone?: string;
}

export const baseUrl = (): string => {
  const url = process.env.BROWSER_BASE_URL;
  if (!url) throw new Error('BROWSER_BASE_URL is not set (global setup did not run)');
  return url;
};

export const outbox = (): OutboxReader => gatewayOutbox(baseUrl());

/** The id of the newest message to `to`, to wait for a newer one. */
export const lastMessageId = async (to: string) => (await outbox().messagesTo(to)).at(-1)?.id;

/** The registration token of the newest invitation email to `email`. */
export async function invitationToken(email: string): Promise<string> {
  await outbox().latestMessageTo(email);
  const links = (await outbox().messagesTo(email)).map(
    (m) => /register\?invitation=([\w-]+)/.exec(m.body)?.[1],
  );
  const token = links.filter(Boolean).at(-1);
  if (!token) throw new Error(`no invitation email to ${email} in the outbox`);
  return token;
}

/** Every WCAG 2.x A/AA rule; serious and critical findings fail the test. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ screen, rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(blocking).toEqual([]);
}

export async function chooseLanguage(page: Page, code: 'en' | 'es' | 'it'): Promise<void> {
  await page.locator('#language').selectOption(code);
  await expect(page.locator('html')).toHaveAttribute('lang', code);
}

/** Email and password, and the submit button, in whatever language the page is in. */
export async function enterPassword(
  page: Page,
  person: { email: string; password: string },
  submit = 'Sign in',
) {
  await page.locator('#email').fill(person.email);
  await page.locator('#password').fill(person.password);
  await page.getByRole('button', { name: submit, exact: true }).click();
}

/**
 * Signs in through the screens: password, then, when the code step comes (MFA on), the newest code sent
 * to `codeTo`, typed with a space in the middle as people paste it.
 */
export async function signIn(
  page: Page,
  person: { email: string; password: string },
  codeTo: string = person.email,
  options: { words?: { submit: string; verify: string }; goto?: boolean } = {},
): Promise<void> {
  const words = options.words ?? { submit: 'Sign in', verify: 'Verify' };
  const before = await lastMessageId(codeTo);
  if (options.goto !== false) await page.goto('/sign-in');
  await enterPassword(page, person, words.submit);
  const codeBox = page.locator('#code');
  const signedIn = page.locator('.avatar-button');
  await expect(codeBox.or(signedIn)).toBeVisible();
  if (!(await codeBox.isVisible())) return;
  const code = await outbox().latestCodeFor(codeTo, { newerThan: before });
  await codeBox.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.getByRole('button', { name: words.verify, exact: true }).click();
  await expect(signedIn).toBeVisible();
}

/** The page never scrolls sideways (phone width). */
export async function expectNoSideways(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
}
