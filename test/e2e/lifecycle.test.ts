import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { gatewayOutbox } from '../support/outbox';
import { call, type HttpResult, type Json, type LocalStack, startLocalStack } from './local-stack';

/**
 * The account lifecycle over HTTP against `npm start` (design §4.1): tokens refreshed and revoked,
 * forgotten and changed passwords, the admin's users and invitations. Every revocation is seen by the
 * local gateway's session authorizer, the same code API Gateway runs in AWS.
 */
jest.setTimeout(60_000);

const ADMIN = { email: 'admin@demo-energy.test', password: 'correct-horse-battery-staple' };
const CAROL = { email: 'carol@demo-energy.test', password: 'she keeps bees in spring' };
const DAN = { email: 'dan@demo-energy.test', password: 'dan paints old lighthouses' };

let stack: LocalStack;
const outbox = () => gatewayOutbox(stack.url);
const api = (path: string, init?: Parameters<typeof call>[1]) => call(`${stack.url}${path}`, init);
const expectError = (response: HttpResult, status: number, code: string) => {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
};

interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

async function signIn(user: { email: string; password: string }): Promise<Tokens> {
  const response = await api('/v1/auth/login', { body: user });
  expect(response.status).toBe(200);
  expect(response.body.status).toBe('AUTHENTICATED'); // MFA stays off in this story
  return response.body.tokens;
}

async function register(email: string, password: string, name: string): Promise<string> {
  const token = /register\?invitation=([\w-]+)/.exec((await outbox().latestMessageTo(email)).body)?.[1];
  const response = await api('/v1/registrations', { body: { invitationToken: token, name, password } });
  expect(response.status).toBe(201);
  return response.body.userId;
}

const codeIn = async (email: string) => outbox().latestCodeFor(email);

beforeAll(async () => {
  stack = await startLocalStack();
}, 90_000);

afterAll(async () => {
  await stack?.stop('SIGTERM');
});

describe('the account lifecycle', () => {
  let admin: Tokens;
  let accountId: string;
  let carolId: string;
  let danId: string;

  it("the admin lists the account's people and their MFA state", async () => {
    admin = await signIn(ADMIN);
    accountId = (await api('/v1/me', { token: admin.idToken })).body.accountId;
    const me = await api('/v1/me', { token: admin.idToken });
    expect(me.body.mfa).toMatchObject({ required: false, methods: ['email'], locked: false });
    const list = await api(`/v1/accounts/${accountId}/users`, { token: admin.idToken });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      users: [
        expect.objectContaining({
          email: ADMIN.email,
          role: 'admin',
          status: 'active',
          mfa: expect.any(Object),
        }),
      ],
      nextCursor: null,
    });
    expectError(
      await api(`/v1/accounts/${accountId}/users/00000000-0000-0000-0000-000000000000`, {
        token: admin.idToken,
      }),
      404,
      'USER_NOT_FOUND',
    );
  });

  it('invitations: re-inviting replaces, resend and revoke kill the old link (410), then Carol registers', async () => {
    // Xavier's invitations go through every state; each address gets 3 a day (new or resent).
    const XAVIER = 'xavier@demo-energy.test';
    const invite = (email = XAVIER) =>
      api(`/v1/accounts/${accountId}/invitations`, { token: admin.idToken, body: { email } });
    const first = await invite();
    expect(first.status).toBe(201);
    const firstLink = /invitation=([\w-]+)/.exec((await outbox().latestMessageTo(XAVIER)).body)?.[1];
    const second = await invite();
    expectError(await api(`/v1/invitations/${firstLink}`), 410, 'INVITATION_REVOKED');

    const pending = await api(`/v1/accounts/${accountId}/invitations?status=pending`, {
      token: admin.idToken,
    });
    expect(pending.body.invitations.map((i: Json) => i.invitationId)).toEqual([second.body.invitationId]);
    expect(pending.body.invitations[0]).toMatchObject({
      email: XAVIER,
      role: 'member',
      status: 'pending',
    });
    const revokedList = await api(`/v1/accounts/${accountId}/invitations?status=revoked`, {
      token: admin.idToken,
    });
    expect(revokedList.body.invitations.map((i: Json) => i.invitationId)).toEqual([first.body.invitationId]);

    const resent = await api(`/v1/accounts/${accountId}/invitations/${second.body.invitationId}/resend`, {
      method: 'POST',
      token: admin.idToken,
    });
    expect(resent.status).toBe(200);
    expect(resent.body).toEqual({
      invitationId: expect.any(String),
      email: XAVIER,
      mfaRequired: false,
      expiresAt: expect.any(String),
    });
    const revoked = await api(`/v1/accounts/${accountId}/invitations/${resent.body.invitationId}`, {
      method: 'DELETE',
      token: admin.idToken,
    });
    expect(revoked.status).toBe(204);
    expect(revoked.body).toBeUndefined();
    const lastLink = /invitation=([\w-]+)/.exec((await outbox().latestMessageTo(XAVIER)).body)?.[1];
    expectError(await api(`/v1/invitations/${lastLink}`), 410, 'INVITATION_REVOKED');
    expectError(await invite(), 429, 'TOO_MANY_SENDS');
    // Carol registers with hers.
    expect((await invite(CAROL.email)).status).toBe(201);
    carolId = await register(CAROL.email, CAROL.password, 'Carol Reyes');
    const used = await api(`/v1/accounts/${accountId}/invitations?status=used`, { token: admin.idToken });
    expect(used.body.invitations).toHaveLength(1);
  });

  it('refresh gives new tokens of the same session; logout ends that session only', async () => {
    const phone = await signIn(CAROL);
    const laptop = await signIn(CAROL);
    const refreshed = await api('/v1/auth/refresh', { body: { refreshToken: laptop.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({
      status: 'AUTHENTICATED',
      tokens: {
        idToken: expect.any(String),
        accessToken: expect.any(String),
        expiresIn: expect.any(Number),
        tokenType: 'Bearer',
      },
    });
    expect((await api('/v1/me', { token: refreshed.body.tokens.idToken })).status).toBe(200);

    const out = await api('/v1/auth/logout', {
      token: laptop.idToken,
      body: { refreshToken: laptop.refreshToken },
    });
    expect(out.status).toBe(204);
    for (const token of [laptop.idToken, refreshed.body.tokens.idToken]) {
      expectError(await api('/v1/me', { token }), 401, 'UNAUTHORIZED');
    }
    expectError(
      await api('/v1/auth/refresh', { body: { refreshToken: laptop.refreshToken } }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
    expect((await api('/v1/me', { token: phone.idToken })).status).toBe(200);
    // An access token opens no route: the API takes id tokens.
    expectError(await api('/v1/me', { token: phone.accessToken }), 401, 'UNAUTHORIZED');
  });

  it('a password change keeps this session and ends the others; Carol is told', async () => {
    const here = await signIn(CAROL);
    const elsewhere = await signIn(CAROL);
    expectError(
      await api('/v1/me/password', {
        method: 'PUT',
        token: here.idToken,
        body: { currentPassword: 'wrong one, surely', newPassword: 'a perfectly good new passphrase' },
      }),
      401,
      'INVALID_CREDENTIALS',
    );
    const weak = await api('/v1/me/password', {
      method: 'PUT',
      token: here.idToken,
      body: { currentPassword: CAROL.password, newPassword: 'carol@demo-energy.test forever' },
    });
    expectError(weak, 400, 'WEAK_PASSWORD');
    expect(weak.body?.error?.reason).toBe('contains_email');
    const changed = await api('/v1/me/password', {
      method: 'PUT',
      token: here.idToken,
      body: { currentPassword: CAROL.password, newPassword: 'she moved the hives north' },
    });
    expect(changed.status).toBe(204);
    CAROL.password = 'she moved the hives north';
    expect((await api('/v1/me', { token: here.idToken })).status).toBe(200);
    expectError(await api('/v1/me', { token: elsewhere.idToken }), 401, 'UNAUTHORIZED');
    expectError(
      await api('/v1/auth/refresh', { body: { refreshToken: elsewhere.refreshToken } }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
    expect((await outbox().latestMessageTo(CAROL.email)).subject).toContain('password was changed');
  });

  it('a forgotten password: the same answer for every address, a code by email, every session ended', async () => {
    const before = await signIn(CAROL);
    const unknown = await api('/v1/auth/password/forgot', { body: { email: 'nobody@demo-energy.test' } });
    const known = await api('/v1/auth/password/forgot', { body: { email: CAROL.email } });
    for (const answer of [unknown, known]) {
      expect(answer.status).toBe(202);
      expect(Object.keys(answer.body).sort()).toEqual(['expiresIn', 'resetSession']);
    }
    expect(await outbox().messagesTo('nobody@demo-energy.test')).toEqual([]);
    const code = await codeIn(CAROL.email);
    const wrong = code === '000000' ? '111111' : '000000';
    const refused = await api('/v1/auth/password/reset', {
      body: {
        resetSession: unknown.body.resetSession,
        code: wrong,
        newPassword: 'any long enough passphrase',
      },
    });
    const refusedKnown = await api('/v1/auth/password/reset', {
      body: { resetSession: known.body.resetSession, code: wrong, newPassword: 'any long enough passphrase' },
    });
    expect(refused.body).toEqual(refusedKnown.body);
    expect(refused.body.error).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });

    const reset = await api('/v1/auth/password/reset', {
      body: { resetSession: known.body.resetSession, code, newPassword: 'she sells honey at noon' },
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ status: 'PASSWORD_RESET' });
    CAROL.password = 'she sells honey at noon';
    expectError(await api('/v1/me', { token: before.idToken }), 401, 'UNAUTHORIZED');
    expectError(
      await api('/v1/auth/refresh', { body: { refreshToken: before.refreshToken } }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
    expectError(
      await api('/v1/auth/password/reset', {
        body: { resetSession: known.body.resetSession, code, newPassword: 'one more passphrase' },
      }),
      401,
      'SESSION_EXPIRED',
    );
    expect((await api('/v1/me', { token: (await signIn(CAROL)).idToken })).status).toBe(200);
  });

  it("roles: a promotion ends Carol's sessions; two admins demoting each other leave one admin (409 LAST_ADMIN)", async () => {
    const carol = await signIn(CAROL);
    const promoted = await api(`/v1/accounts/${accountId}/users/${carolId}`, {
      method: 'PATCH',
      token: admin.idToken,
      body: { role: 'admin' },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ userId: carolId, role: 'admin', status: 'active' });
    expectError(await api('/v1/me', { token: carol.idToken }), 401, 'UNAUTHORIZED');
    const carolAdmin = await signIn(CAROL);
    const adminId = (await api('/v1/me', { token: admin.idToken })).body.userId;
    const [one, two] = await Promise.all([
      api(`/v1/accounts/${accountId}/users/${carolId}`, {
        method: 'PATCH',
        token: admin.idToken,
        body: { role: 'member' },
      }),
      api(`/v1/accounts/${accountId}/users/${adminId}`, {
        method: 'PATCH',
        token: carolAdmin.idToken,
        body: { role: 'member' },
      }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    expect([one, two].find((r) => r.status === 409)?.body.error.code).toBe('LAST_ADMIN');
    // Whoever stayed admin signs in again (the other was demoted, the winner's token was not touched).
    const users = await api(`/v1/accounts/${accountId}/users`, {
      token: one.status === 200 ? admin.idToken : carolAdmin.idToken,
    });
    expect(users.body.users.filter((u: Json) => u.role === 'admin')).toHaveLength(1);
    if (one.status !== 200) {
      // Carol demoted the seeded admin: she makes them admin again, for the rest of the story.
      await api(`/v1/accounts/${accountId}/users/${adminId}`, {
        method: 'PATCH',
        token: carolAdmin.idToken,
        body: { role: 'admin' },
      });
      admin = await signIn(ADMIN);
      await api(`/v1/accounts/${accountId}/users/${carolId}`, {
        method: 'PATCH',
        token: admin.idToken,
        body: { role: 'member' },
      });
    }
  });

  it('disabling refuses every session of the user; MFA reset and unlock answer the User', async () => {
    const carol = await signIn(CAROL);
    const disabled = await api(`/v1/accounts/${accountId}/users/${carolId}`, {
      method: 'PATCH',
      token: admin.idToken,
      body: { disabled: true },
    });
    expect(disabled.body).toMatchObject({ status: 'disabled' });
    expectError(await api('/v1/me', { token: carol.idToken }), 401, 'UNAUTHORIZED');
    expectError(
      await api('/v1/auth/refresh', { body: { refreshToken: carol.refreshToken } }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
    await api(`/v1/accounts/${accountId}/users/${carolId}`, {
      method: 'PATCH',
      token: admin.idToken,
      body: { disabled: false },
    });

    const reset = await api(`/v1/accounts/${accountId}/users/${carolId}/mfa/reset`, {
      method: 'POST',
      token: admin.idToken,
    });
    expect(reset.status).toBe(200);
    expect(reset.body.mfa).toEqual({
      required: false,
      methods: ['email'],
      preferred: 'email',
      phoneNumber: null,
      phoneVerified: false,
      recoveryCodesRemaining: 0,
      rememberedDevices: 0,
      locked: false,
      lockedUntil: null,
    });
    expect((await outbox().latestMessageTo(CAROL.email)).subject).toContain('two-step sign-in was reset');
    const unlocked = await api(`/v1/accounts/${accountId}/users/${carolId}/unlock`, {
      method: 'POST',
      token: admin.idToken,
    });
    expect(unlocked.body).toMatchObject({ userId: carolId, mfa: { locked: false, lockedUntil: null } });

    const audit = await api(`/v1/accounts/${accountId}/audit-events`, { token: admin.idToken });
    const types = audit.body.events.map((e: Json) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'mfa.user.unlocked',
        'mfa.reset',
        'user.disabled',
        'user.enabled',
        'user.role.changed',
        'password.reset',
      ]),
    );
    expect(audit.body.events.find((e: Json) => e.type === 'mfa.reset').actor).toBe(ADMIN.email);
  });

  it('users of another account answer 404, never 403', async () => {
    const created = await promisify(execFile)(
      resolve(__dirname, '../../node_modules/.bin/tsx'),
      ['scripts/create-account.ts', '--name', 'Other Co', '--admin-email', DAN.email],
      { cwd: resolve(__dirname, '../..'), env: { ...process.env, PORT: new URL(stack.url).port } },
    );
    const other = JSON.parse(created.stdout) as { accountId: string };
    danId = await register(DAN.email, DAN.password, 'Dan Other');
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { disabled: true }],
      ['POST', '/mfa/reset', undefined],
      ['POST', '/unlock', undefined],
    ] as const) {
      expectError(
        await api(`/v1/accounts/${accountId}/users/${danId}${suffix}`, {
          method,
          token: admin.idToken,
          body,
        }),
        404,
        'USER_NOT_FOUND',
      );
    }
    // Their account's path is not this admin's: 403 as for every admin route.
    expectError(
      await api(`/v1/accounts/${other.accountId}/users`, { token: admin.idToken }),
      403,
      'FORBIDDEN',
    );
    expect((await api('/v1/me', { token: (await signIn(DAN)).idToken })).status).toBe(200);
  });

  it('logout everywhere ends every session at once', async () => {
    const one = await signIn(CAROL);
    const two = await signIn(CAROL);
    expect((await api('/v1/auth/logout', { token: one.idToken, body: { everywhere: true } })).status).toBe(
      204,
    );
    for (const token of [one.idToken, two.idToken])
      expectError(await api('/v1/me', { token }), 401, 'UNAUTHORIZED');
    for (const refreshToken of [one.refreshToken, two.refreshToken]) {
      expectError(await api('/v1/auth/refresh', { body: { refreshToken } }), 401, 'REFRESH_TOKEN_INVALID');
    }
    expect((await api('/v1/me', { token: (await signIn(CAROL)).idToken })).status).toBe(200);
  });

  it('npm run index-accounts lists users registered before the index existed; running it again changes nothing', async () => {
    const run = () =>
      promisify(execFile)(resolve(__dirname, '../../node_modules/.bin/tsx'), ['scripts/index-accounts.ts'], {
        cwd: resolve(__dirname, '../..'),
        env: { ...process.env, PORT: new URL(stack.url).port },
      });
    const before = (await api(`/v1/accounts/${accountId}/users`, { token: admin.idToken })).body.users;
    const first = JSON.parse((await run()).stdout);
    // The demo admin, Carol, Dan (and his account's admin set); Xavier never registered.
    expect(first).toEqual({ users: 3, admins: 2, skipped: 0 });
    expect(JSON.parse((await run()).stdout)).toEqual(first);
    const after = (await api(`/v1/accounts/${accountId}/users`, { token: admin.idToken })).body.users;
    expect(after.map((u: Json) => u.userId)).toEqual(before.map((u: Json) => u.userId));
  });
});
