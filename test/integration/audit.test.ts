import { randomUUID } from 'node:crypto';
import { withRequestOrigin } from '../../lambdas/http/request-context';
import { setMfaSettings } from '../../lambdas/services/admin/account-settings';
import { listAuditEvents } from '../../lambdas/services/admin/audit-events';
import { inviteUser } from '../../lambdas/services/onboarding/invitations';
import { register } from '../../lambdas/services/onboarding/registration';
import { verifyCode } from '../../lambdas/services/sign-in/verify';
import {
  allStrings,
  invitationTokenFrom,
  RecordingSender,
  seedAccount,
  seedChallenge,
  testDeps,
} from './fixtures';

const ORIGIN = { sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (audit test)' };
const PASSWORD = 'purple monkey dishwasher';

describe('audit trail', () => {
  test('MFA setting, invitation sent and used, registration: actor, time, origin, masked values, newest first', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { accountId, admin } = await seedAccount(deps);
    const invitee = `nia-${randomUUID()}@example.test`;
    await withRequestOrigin(ORIGIN, async () => {
      await setMfaSettings(deps, admin, accountId, { enabled: true });
      deps.clock.advance(1);
      await inviteUser(deps, admin, accountId, { email: invitee });
      deps.clock.advance(1);
    });
    const token = invitationTokenFrom(sender);
    // Registration writes invitation.used, then user.registered, within one request.
    await withRequestOrigin({ sourceIp: '198.51.100.9', userAgent: 'invitee-browser' }, () =>
      register(deps, {
        invitationToken: token,
        name: 'Nia',
        password: PASSWORD,
        phoneNumber: '+14155552671',
      }),
    );

    const { events, nextCursor } = await listAuditEvents(deps, admin, accountId);
    expect(nextCursor).toBeNull();
    expect(events.map((e) => e.type).slice(2)).toEqual(['invitation.sent', 'mfa.setting.changed']);
    expect(new Set(events.slice(0, 2).map((e) => e.type))).toEqual(
      new Set(['user.registered', 'invitation.used']),
    );
    expect(events[3]).toEqual({
      type: 'mfa.setting.changed',
      actor: admin.email,
      at: expect.stringMatching(/^20\d\d-\d\d-\d\dT/),
      sourceIp: ORIGIN.sourceIp,
      details: { enabled: true, userAgent: ORIGIN.userAgent },
    });
    expect(events[2]?.details).toMatchObject({
      email: expect.stringMatching(/^n\*\*\*@example\.test$/),
      role: 'member',
    });
    expect(events.find((e) => e.type === 'user.registered')).toMatchObject({
      actor: invitee,
      sourceIp: '198.51.100.9',
      details: { mfaChannel: 'sms', phone: '+1 ********71', userAgent: 'invitee-browser' },
    });
    // Masked values only: the full number and the invitation token appear nowhere.
    const stored = allStrings(events);
    expect(stored.some((s) => s.includes('4155552671') || s.includes(token))).toBe(false);
  });

  test('a lock is recorded once, by the system, with no code', async () => {
    const deps = testDeps();
    const { accountId, admin } = await seedAccount(deps);
    const userId = randomUUID();
    for (let round = 0; round < 2; round++) {
      const { session } = await seedChallenge(deps, { userId, accountId });
      for (let i = 0; i < 5; i++) await verifyCode(deps, { session, code: '000000' }).catch(() => undefined);
    }
    const { events } = await listAuditEvents(deps, admin, accountId);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'mfa.user.locked',
        actor: 'system',
        details: expect.objectContaining({ userId }),
      }),
    ]);
  });

  test('pages newest first with an opaque cursor; a bad cursor is a 400; another account is a 403', async () => {
    const deps = testDeps();
    const { accountId, admin } = await seedAccount(deps);
    for (let i = 0; i < 30; i++) {
      deps.clock.advance(1);
      await setMfaSettings(deps, admin, accountId, { enabled: i % 2 === 0 });
    }
    const first = await listAuditEvents(deps, admin, accountId);
    expect(first.events).toHaveLength(25);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listAuditEvents(deps, admin, accountId, first.nextCursor ?? undefined);
    expect(second.events).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const times = [...first.events, ...second.events].map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(times).size).toBe(30);

    await expect(listAuditEvents(deps, admin, accountId, 'bm90IGEgY3Vyc29y')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
    });
    const other = await seedAccount(deps);
    await expect(listAuditEvents(deps, other.admin, accountId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listAuditEvents(deps, { ...admin, role: 'member' }, accountId)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('SMS country allowlist', () => {
  test('registration refuses a number of a country not allowed, and accepts it when the setting allows it', async () => {
    for (const [countries, outcome] of [
      [undefined, 'PHONE_COUNTRY_NOT_ALLOWED'],
      ['US,GG', 'ok'],
    ] as const) {
      const sender = new RecordingSender();
      const deps = testDeps({ sender }, countries ? { MFA_SMS_ALLOWED_COUNTRIES: countries } : {});
      const { accountId, admin } = await seedAccount(deps, { mfaEnabled: true });
      await inviteUser(deps, admin, accountId, { email: `gg-${randomUUID()}@example.test` });
      const attempt = register(deps, {
        invitationToken: invitationTokenFrom(sender),
        name: 'Guernsey',
        password: PASSWORD,
        phoneNumber: '+44 7911 123456',
      });
      if (outcome === 'ok') await expect(attempt).resolves.toMatchObject({ mfaChannel: 'sms' });
      else await expect(attempt).rejects.toMatchObject({ code: outcome, status: 400 });
    }
  });
});
