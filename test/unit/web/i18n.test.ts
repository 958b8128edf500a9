import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { duration, type Plural, placeholders, plural } from '../../../web/src/i18n/catalogue';
import { en } from '../../../web/src/i18n/en';
import { es } from '../../../web/src/i18n/es';
import { it as italian } from '../../../web/src/i18n/it';
import type { Messages } from '../../../web/src/i18n/messages';
import { supportedLocale } from '../../../web/src/i18n/messages';
import { problemText } from '../../../web/src/i18n/problem-text';
import { describeEvent } from '../../../web/src/screens/security-mfa/audit-words';

/** The web app's catalogues: same keys and placeholders in every language, every API error translated. */
const CATALOGUES: Record<string, Messages> = { en, es, it: italian };

function leaves(value: unknown, path: string[] = []): [string, string][] {
  if (typeof value === 'string') return [[path.join('.'), value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    leaves(child, [...path, key]),
  );
}

const english = new Map(leaves(en));

describe.each(['es', 'it'])('the %s catalogue', (locale) => {
  const entries = new Map(leaves(CATALOGUES[locale]));

  test('has exactly the keys of en', () => {
    expect([...entries.keys()].sort()).toEqual([...english.keys()].sort());
  });

  test('keeps every placeholder of en, and no other', () => {
    const mismatched = [...english].filter(([key, text]) => {
      return JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(entries.get(key) ?? ''));
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  test('is translated: no empty text, and the screens do not show English sentences', () => {
    expect([...entries].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
    // Sentences (several words) equal to the English ones would mean a missed translation.
    const untranslated = [...entries].filter(
      ([key, text]) => text.split(' ').length > 2 && text === english.get(key) && key !== 'meta.language',
    );
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});

test('every error code of docs/openapi.json has a message in every language', () => {
  const document = JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi.json'), 'utf8'));
  const codes: string[] = document.components.schemas.ErrorCode.enum;
  expect(codes.length).toBeGreaterThan(20);
  for (const [locale, messages] of Object.entries(CATALOGUES)) {
    const missing = codes.filter((code) => !(messages.errors as Record<string, string>)[code]);
    expect({ locale, missing }).toEqual({ locale, missing: [] });
  }
});

test('the English words of the screens are the product contract (design 4.4)', () => {
  expect(en.signIn).toMatchObject({ email: 'Email', password: 'Password', submit: 'Sign in' });
  expect(en.code).toMatchObject({ title: 'Enter the 6-digit code', submit: 'Verify', resend: 'Resend code' });
  expect(en.code.junk).toContain('check your Junk/Spam folder');
  expect(en.register).toMatchObject({
    name: 'Name',
    password: 'Password',
    phone: 'Phone number',
    submit: 'Create account',
  });
  expect(en.register.phoneHint).toContain('Leave it empty to get your codes by email');
  expect(en.preferences).toMatchObject({
    title: 'Personal Preferences',
    validate: 'Validate phone',
    verify: 'Verify',
    validated: 'Your phone number has been validated',
    update: 'Update',
  });
  expect(en.security.invite).toBe('Invite');
  expect([en.meta.language, es.meta.language, italian.meta.language]).toEqual([
    'English (US)',
    'Español',
    'Italiano',
  ]);
});

describe('plurals, durations and problems in words', () => {
  test('attempts left, by Intl plural rules', () => {
    expect(plural('en-US', en.code.attemptsLeft, 1)).toBe('1 attempt left.');
    expect(plural('en-US', en.code.attemptsLeft, 4)).toBe('4 attempts left.');
    expect(plural('es-ES', es.code.attemptsLeft, 1)).toBe('Te queda 1 intento.');
    expect(plural('it-IT', italian.code.attemptsLeft, 3)).toBe('Ti restano 3 tentativi.');
  });

  test('durations in seconds, minutes or hours, rounded up', () => {
    expect(duration('en-US', 25)).toBe('25 seconds');
    expect(duration('en-US', 1)).toBe('1 second');
    expect(duration('en-US', 900)).toBe('15 minutes');
    expect(duration('es-ES', 61 * 60 + 1)).toBe('62 minutos');
    expect(duration('it-IT', 3 * 3600)).toBe('3 ore');
  });

  test('a wrong code says how many attempts are left; a lock says for how long', () => {
    expect(problemText(en, { code: 'INVALID_CODE', status: 401, attemptsRemaining: 2 })).toBe(
      "That code isn't right. 2 attempts left.",
    );
    expect(problemText(es, { code: 'MFA_LOCKED', status: 429, retryAfter: 900 })).toBe(
      'Demasiados códigos incorrectos. Por tu seguridad, los códigos quedan bloqueados durante 15 minutos.',
    );
    expect(problemText(italian, { code: 'RESEND_TOO_SOON', status: 429, retryAfter: 12 })).toBe(
      'Attendi 12 secondi prima di chiedere un nuovo codice.',
    );
    expect(problemText(en, { code: 'TOO_MANY_SENDS', status: 429, retryAfter: 3000 })).toBe(
      'Too many codes were sent. Try again in 50 minutes.',
    );
    // Without the number, the same message minus the wait (never "0 seconds"); sends used up: start again.
    expect(problemText(en, { code: 'MFA_LOCKED', status: 429 })).toBe(en.errors.TOO_MANY_ATTEMPTS);
    expect(problemText(italian, { code: 'TOO_MANY_SENDS', status: 429 })).toBe(italian.code.sendsExhausted);
    expect(problemText(en, { code: 'NETWORK', status: 0 })).toBe(en.errors.NETWORK);
  });

  test('a refused password says which rule refused it, in each language', () => {
    const weak = (reason?: string) => ({ code: 'WEAK_PASSWORD' as const, status: 400, reason });
    expect(problemText(en, weak('too_short'))).toBe('Use at least 12 characters.');
    expect(problemText(en, weak('contains_email'))).toBe("The password can't contain your email address.");
    expect(problemText(es, weak('common'))).toBe(
      'Esta contraseña aparece en filtraciones de datos. Elige otra.',
    );
    expect(problemText(italian, weak('repeated'))).toBe(
      "La password ripete gli stessi caratteri. Scegline un'altra.",
    );
    // Each reason has its own words, never the general message.
    for (const messages of Object.values(CATALOGUES)) {
      const texts = Object.keys(messages.passwordReasons).map((reason) =>
        problemText(messages, weak(reason)),
      );
      expect(new Set(texts).size).toBe(texts.length);
      expect(texts).not.toContain(messages.errors.WEAK_PASSWORD);
    }
    // No reason, or one this version does not know (nor an inherited property): the general message.
    expect(problemText(en, weak())).toBe(en.errors.WEAK_PASSWORD);
    expect(problemText(es, weak('too_clever'))).toBe(es.errors.WEAK_PASSWORD);
    expect(problemText(en, weak('toString'))).toBe(en.errors.WEAK_PASSWORD);
    // A reason on another code changes nothing.
    expect(problemText(en, { code: 'INVALID_PHONE_NUMBER', status: 400, reason: 'too_short' })).toBe(
      en.errors.INVALID_PHONE_NUMBER,
    );
  });

  test('the password reasons are the ones docs/api.md lists', () => {
    const api = readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8');
    const section = api.slice(api.indexOf('### Passwords'), api.indexOf('### Phone numbers'));
    const documented = [...section.matchAll(/^\| `([a-z_]+)` /gm)]
      .map((m) => m[1])
      .filter((name) => name !== 'reason');
    expect(documented.length).toBeGreaterThan(5);
    expect(Object.keys(en.passwordReasons).sort()).toEqual(documented.sort());
  });

  test('browser languages map to the supported ones', () => {
    expect(['es-MX', 'it_IT', 'EN', 'fr-FR', undefined].map(supportedLocale)).toEqual([
      'es',
      'it',
      'en',
      undefined,
      undefined,
    ]);
  });
});

describe('the screens of the lifecycle and second factors', () => {
  test('keep the English words of design 4.4', () => {
    expect(en.signIn.forgot).toBe('Forgot password?');
    expect(en.code.rememberDevice).toBe('Remember this device');
    expect(en.code.methods.totp).toBe('Use my authenticator app');
    expect(en.users).toMatchObject({ resetMfa: 'Reset MFA', unlock: 'Unlock' });
    expect(en.invitations).toMatchObject({ resend: 'Resend', revoke: 'Revoke' });
    expect(en.everywhere.submit).toBe('Sign out everywhere');
  });

  test('every reason of WEAK_PASSWORD in the password policy is said in words, in every language', () => {
    const policy = readFileSync(join(__dirname, '../../../lambdas/domain/password-policy.ts'), 'utf8');
    const union = /export type WeakPasswordReason =([^;]+);/.exec(policy)?.[1] ?? '';
    const reasons = [...union.matchAll(/'(\w+)'/g)].map((m) => m[1]!);
    expect(reasons).toContain('common');
    for (const m of [en, es, italian] as Messages[])
      for (const reason of reasons) {
        const words = problemText(m, { code: 'WEAK_PASSWORD', status: 400, reason });
        expect(words).toBe((m.passwordReasons as Record<string, string>)[reason]);
      }
    // An unknown reason still gets the general message.
    expect(problemText(en, { code: 'WEAK_PASSWORD', status: 400, reason: 'new_rule' })).toBe(
      en.errors.WEAK_PASSWORD,
    );
  });

  test('every audit event type the service records is shown in words, in every language', () => {
    // The type union of the audit log is every event the service may record.
    const auditLog = readFileSync(join(__dirname, '../../../lambdas/adapters/audit-log.ts'), 'utf8');
    const union = /export type AuditEventType =([^;]+);/.exec(auditLog)?.[1] ?? '';
    const types = new Set([...union.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)].map((t) => t[1]!));
    expect(types.size).toBeGreaterThanOrEqual(20);
    for (const m of [en, es, italian] as Messages[]) {
      const words = { m, plural: (forms: Plural, count: number) => plural(m.meta.intl, forms, count) };
      for (const type of types) {
        const event = { type, actor: 'a', at: '2026-01-01T00:00:00Z', sourceIp: '', details: {} };
        expect({ type, title: describeEvent(words, event).title }).not.toEqual({ type, title: type });
      }
    }
    // A change of the remembered-device days alone is not "MFA turned off".
    const days = {
      type: 'mfa.setting.changed',
      actor: 'a',
      at: '',
      sourceIp: '',
      details: { rememberDeviceDays: 30 },
    };
    const words = { m: en, plural: (forms: Plural, count: number) => plural('en-US', forms, count) };
    expect(describeEvent(words, days).title).toBe('Devices remembered for 30 days');
  });
});
