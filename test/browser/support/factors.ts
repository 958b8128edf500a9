import { expect, type Page } from '@playwright/test';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from '../../../lambdas/domain/totp';
import { baseUrl, invitationToken, lastMessageId, outbox } from './app';

/**
 * What the lifecycle and second-factor stories share: an authenticator app in the test (codes computed
 * from the secret the page shows, each time step used once, as the service accepts each code once), and
 * the few API calls that set a state up faster than the screens would (registering, a lock).
 */
export class AuthenticatorApp {
  private lastStep = 0;
  constructor(readonly secret: string) {}

  /** A code of a time step not used yet, within the service's ±1 step; waits for the next step if needed. */
  async nextCode(): Promise<string> {
    for (;;) {
      const now = Date.now() / 1000;
      const step = Math.floor(now / TOTP_PERIOD_SECONDS);
      // The current step, else the next one (accepted a step early), never one already used.
      const usable = [step, step + 1].find((s) => s > this.lastStep);
      if (usable !== undefined) {
        this.lastStep = usable;
        return totpCodeAt(this.secret, usable * TOTP_PERIOD_SECONDS);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export async function callApi(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Registers the newest invitation to `person.email` through the API (no phone: codes by email). */
export async function registerByApi(person: { email: string; password: string; name: string }) {
  const { status } = await callApi('POST', '/v1/registrations', {
    invitationToken: await invitationToken(person.email),
    name: person.name,
    password: person.password,
    locale: 'en',
  });
  expect(status).toBe(201);
}

/** Enters wrong email codes until the user's codes are locked (10 consecutive failures, 5 per sign-in). */
export async function lockByWrongCodes(person: { email: string; password: string }) {
  for (;;) {
    const before = await lastMessageId(person.email);
    const login = await callApi('POST', '/v1/auth/login', { email: person.email, password: person.password });
    if (login.status === 429) return expect(login.body.error).toMatchObject({ code: 'MFA_LOCKED' });
    expect(login.body).toMatchObject({ status: 'MFA_REQUIRED' });
    const right = await outbox().latestCodeFor(person.email, { newerThan: before });
    const wrong = right === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt++) {
      const verify = await callApi('POST', '/v1/auth/mfa/verify', {
        session: login.body.session,
        code: wrong,
      });
      const code = (verify.body.error as { code?: string } | undefined)?.code;
      if (code === 'MFA_LOCKED') return;
      if (code === 'TOO_MANY_ATTEMPTS') break;
      expect(code).toBe('INVALID_CODE');
    }
  }
}

/** The page's device token for `email` (what "Remember this device" kept), if any. */
export const deviceTokenIn = (page: Page, email: string) =>
  page.evaluate<string | null>(
    `window.localStorage.getItem(${JSON.stringify(`mfa.deviceToken:${email.toLowerCase()}`)})`,
  );
