import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { gatewayOutbox } from '../support/outbox';
import { call, type HttpResult, type LocalStack, startLocalStack } from './local-stack';

/**
 * The product's whole story over HTTP against `npm start`: the admin turns MFA on and invites people;
 * an invitee registers with a phone and signs in with an SMS code; a phoneless invitee gets codes by email;
 * then the first one changes the MFA phone (validate, verify, update) and is told so.
 */
jest.setTimeout(30_000);

const ADMIN = { email: 'admin@demo-energy.test', password: 'correct-horse-battery-staple' };
const ALICE = {
  email: 'alice@demo-energy.test',
  password: 'quiet river stones at dawn',
  phone: '+34612345678',
};
const BOB = { email: 'bob@demo-energy.test', password: 'seven copper kettles sing' };
const ALICE_NEW_PHONE = '+393471234567';

let stack: LocalStack;
const outbox = () => gatewayOutbox(stack.url);
const api = (path: string, init?: Parameters<typeof call>[1]) => call(`${stack.url}${path}`, init);
const expectError = (response: HttpResult, status: number, code: string) => {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
};

/** Password, then (when asked) the newest code sent to `to`; returns the id token. */
async function signIn(user: { email: string; password: string }, codeTo: string): Promise<string> {
  const before = (await outbox().messagesTo(codeTo)).at(-1)?.id;
  const first = await api('/v1/auth/login', { body: { email: user.email, password: user.password } });
  expect(first.status).toBe(200);
  if (first.body.status === 'AUTHENTICATED') return first.body.tokens.idToken;
  const code = await outbox().latestCodeFor(codeTo, { newerThan: before });
  const verified = await api('/v1/auth/mfa/verify', { body: { session: first.body.session, code } });
  expect(verified.status).toBe(200);
  return verified.body.tokens.idToken;
}

async function invite(adminToken: string, accountId: string, body: Record<string, unknown>): Promise<string> {
  const response = await api(`/v1/accounts/${accountId}/invitations`, { token: adminToken, body });
  expect(response.status).toBe(201);
  const email = await outbox().latestMessageTo(String(body.email));
  const token = /register\?invitation=([\w-]+)/.exec(email.body)?.[1];
  if (!token) throw new Error('no registration link in the invitation email');
  return token;
}

const FRONTEND = 'https://app.demo-energy.test';

beforeAll(async () => {
  stack = await startLocalStack({ CORS_ALLOWED_ORIGINS: FRONTEND });
}, 90_000);

afterAll(async () => {
  await stack?.stop('SIGTERM');
});

describe('the seed story', () => {
  let adminToken: string;
  let accountId: string;
  let aliceInvitation: string;

  it('the admin signs in and turns MFA on for the account', async () => {
    adminToken = await signIn(ADMIN, ADMIN.email);
    accountId = (await api('/v1/me', { token: adminToken })).body.accountId;
    const put = await api(`/v1/accounts/${accountId}/settings/mfa`, {
      method: 'PUT',
      token: adminToken,
      body: { enabled: true },
    });
    expect(put.body).toMatchObject({ enabled: true, updatedBy: ADMIN.email });
    // Turning MFA on ended every session begun without a code except this one, at the switch.
    expect((await api('/v1/me', { token: adminToken })).status).toBe(200);
  });

  it('invites Alice in Spanish; the link describes the invitation', async () => {
    aliceInvitation = await invite(adminToken, accountId, { email: ALICE.email, locale: 'es' });
    const email = await outbox().latestMessageTo(ALICE.email);
    expect(email.subject).toBe('Tu invitación a Account MFA');
    expect(email.body).toContain('Demo Energy Co');
    expect(email.body).toContain('te ha invitado');
    const described = await api(`/v1/invitations/${aliceInvitation}`);
    expect(described.status).toBe(200);
    expect(described.body).toEqual({
      email: ALICE.email,
      accountName: 'Demo Energy Co',
      mfaRequired: true,
      expiresAt: expect.stringMatching(/^20\d\d-/),
    });
  });

  it('refuses a bad registration without using the invitation up', async () => {
    const base = { invitationToken: aliceInvitation, name: 'Alice', password: ALICE.password };
    expectError(
      await api('/v1/registrations', { body: { ...base, phoneNumber: '12' } }),
      400,
      'INVALID_PHONE_NUMBER',
    );
    const weak = await api('/v1/registrations', { body: { ...base, password: 'short' } });
    expectError(weak, 400, 'WEAK_PASSWORD');
    expect(weak.body?.error?.reason).toBe('too_short');
    expectError(
      await api('/v1/registrations', { body: { ...base, role: 'admin' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await api(`/v1/invitations/${aliceInvitation}`)).status).toBe(200);
  });

  it('Alice registers with a phone, once', async () => {
    const body = {
      invitationToken: aliceInvitation,
      name: 'Alice Ortega',
      password: ALICE.password,
      phoneNumber: '+34 612 34 56 78',
      locale: 'es',
    };
    const created = await api('/v1/registrations', { body });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ userId: expect.any(String), email: ALICE.email, mfaChannel: 'sms' });
    expectError(await api('/v1/registrations', { body }), 410, 'INVITATION_USED');
    expectError(await api(`/v1/invitations/${aliceInvitation}`), 410, 'INVITATION_USED');
  });

  it('Alice signs in with a code sent by SMS, in Spanish', async () => {
    const token = await signIn(ALICE, ALICE.phone);
    const sms = await outbox().latestMessageTo(ALICE.phone);
    expect(sms.channel).toBe('sms');
    expect(sms.body).toContain('tu codigo de acceso');
    const me = await api('/v1/me', { token });
    expect(me.body).toMatchObject({ email: ALICE.email, role: 'member', locale: 'es', mfaChannel: 'sms' });
  });

  it('Bob registers without a phone and gets his codes by email', async () => {
    const token = await invite(adminToken, accountId, { email: BOB.email });
    const created = await api('/v1/registrations', {
      body: { invitationToken: token, name: 'Bob', password: BOB.password, phoneNumber: null },
    });
    expect(created.body).toMatchObject({ mfaChannel: 'email' });
    await signIn(BOB, BOB.email);
    expect((await outbox().latestMessageTo(BOB.email)).subject).not.toMatch(/\d{6}/);
  });

  it('only the admin of this account may invite; an existing user cannot be invited', async () => {
    const bobToken = await signIn(BOB, BOB.email);
    expectError(
      await api(`/v1/accounts/${accountId}/invitations`, {
        token: bobToken,
        body: { email: 'x@demo-energy.test' },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await api('/v1/accounts/someone-else/invitations', {
        token: adminToken,
        body: { email: 'x@demo-energy.test' },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await api(`/v1/accounts/${accountId}/invitations`, { token: adminToken, body: { email: ALICE.email } }),
      409,
      'USER_EXISTS',
    );
    expectError(await api('/v1/invitations/not-a-token'), 404, 'INVITATION_NOT_FOUND');
  });

  it('Alice changes her MFA phone: validate, verify, update; she is told on both old channels', async () => {
    const token = await signIn(ALICE, ALICE.phone);
    const started = await api('/v1/me/phone/validation', {
      token,
      body: { phoneNumber: '+39 347 123 4567' },
    });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({
      validationId: expect.any(String),
      destination: '+39 ********67',
      expiresIn: 300,
      sessionExpiresIn: 900,
      resendAvailableIn: 30,
    });
    const { validationId } = started.body;
    const code = await outbox().latestCodeFor(ALICE_NEW_PHONE);

    const update = (id = validationId) =>
      api('/v1/me/phone', { method: 'PUT', token, body: { validationId: id } });
    expectError(await update(), 409, 'VALIDATION_NOT_VERIFIED');
    expectError(
      await api(`/v1/me/phone/validation/${validationId}/verify`, { token, body: { code: '12ab56' } }),
      400,
      'VALIDATION_FAILED',
    );
    const bobToken = await signIn(BOB, BOB.email);
    expectError(
      await api(`/v1/me/phone/validation/${validationId}/verify`, { token: bobToken, body: { code } }),
      404,
      'VALIDATION_NOT_FOUND',
    );

    const verified = await api(`/v1/me/phone/validation/${validationId}/verify`, { token, body: { code } });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      validated: true,
      phoneNumber: ALICE_NEW_PHONE,
      // Alice registered in Spanish: the green message comes in her language.
      message: 'Se ha validado tu número de teléfono',
    });

    const saved = await update();
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ phoneNumber: ALICE_NEW_PHONE, mfaChannel: 'sms' });
    expect((await api('/v1/me', { token })).body.phoneNumber).toBe(ALICE_NEW_PHONE);

    const noticeByEmail = await outbox().latestMessageTo(ALICE.email);
    const noticeBySms = await outbox().latestMessageTo(ALICE.phone);
    for (const notice of [noticeByEmail, noticeBySms]) {
      expect(notice.body).toContain('+39 ********67');
      expect(notice.body).not.toContain('3471234567');
      expect(notice.body).not.toContain(code);
    }
    expect(noticeByEmail.subject).toContain('teléfono');

    // The next sign-in code goes to the new number.
    await signIn(ALICE, ALICE_NEW_PHONE);
  });

  it('the admin reads the audit trail of the account, newest first; nobody else can', async () => {
    const page = await api(`/v1/accounts/${accountId}/audit-events`, { token: adminToken });
    expect(page.status).toBe(200);
    expect(page.body.nextCursor).toBeNull();
    const types = page.body.events.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('mfa.phone.changed');
    expect(types.at(-1)).toBe('mfa.setting.changed');
    expect(types).toEqual(expect.arrayContaining(['invitation.sent', 'invitation.used', 'user.registered']));
    expect(page.body.events[0]).toEqual({
      type: 'mfa.phone.changed',
      actor: ALICE.email,
      at: expect.any(String),
      sourceIp: '127.0.0.1',
      details: expect.objectContaining({ phone: '+39 ********67', previous: '+34 *******78' }),
    });
    expect(JSON.stringify(page.body)).not.toContain('3471234567');
    const bobToken = await signIn(BOB, BOB.email);
    expectError(await api(`/v1/accounts/${accountId}/audit-events`, { token: bobToken }), 403, 'FORBIDDEN');
    expectError(
      await api(`/v1/accounts/${accountId}/audit-events?cursor=%%%`, { token: adminToken }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers the allowed frontend origin with CORS headers, and no other', async () => {
    const preflight = await fetch(`${stack.url}/v1/auth/login`, {
      method: 'OPTIONS',
      headers: { origin: FRONTEND, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(FRONTEND);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = await api('/v1/health', { headers: { origin: FRONTEND } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(FRONTEND);
    const other = await api('/v1/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('cache-control')).toBe('no-store');
  });

  it('an operator creates an account and its first admin invitation with npm run create-account', async () => {
    const run = (...args: string[]) =>
      promisify(execFile)(
        resolve(__dirname, '../../node_modules/.bin/tsx'),
        ['scripts/create-account.ts', ...args],
        {
          cwd: resolve(__dirname, '../..'),
          env: { ...process.env, PORT: new URL(stack.url).port },
        },
      ).then(
        (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
        (failed: { code: number; stdout: string; stderr: string }) => failed,
      );
    const created = await run('--name', 'Acme Solar', '--admin-email', 'Owner@Acme.test');
    expect(created.code).toBe(0);
    expect(created.stderr).toBe(''); // no AWS SDK Node-version notice, nothing else
    const printed = JSON.parse(created.stdout);
    expect(printed).toEqual({
      accountId: expect.stringMatching(/^[\da-f-]{36}$/),
      invitationUrl: expect.stringMatching(/\/register\?invitation=[\w-]{22}$/),
    });
    const token = new URL(printed.invitationUrl).searchParams.get('invitation');
    const described = await api(`/v1/invitations/${token}`);
    expect(described.body).toMatchObject({
      email: 'owner@acme.test',
      accountName: 'Acme Solar',
      mfaRequired: false,
    });
    expect((await outbox().latestMessageTo('owner@acme.test')).body).toContain(printed.invitationUrl);

    const missingName = await run('--admin-email', 'a@acme.test');
    expect(missingName.code).toBe(2);
    expect(missingName.stderr).toContain('--name is required');
    const badEmail = await run('--name', 'Acme', '--admin-email', 'not-an-email');
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toContain('--admin-email must be a valid email address');
  });
});
