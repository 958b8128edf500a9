import { factorMessagesFor } from '../../../lambdas/domain/factor-messages';
import { LOCALES } from '../../../lambdas/domain/locale';

const AT = new Date('2026-11-27T20:26:00Z');
const PRODUCT = 'A'.repeat(40);

/** Words of each language that only its own notices use (the wording itself is in the catalogue). */
const OWN_WORDS = {
  en: { totpEnabled: 'authenticator app', recoveryCodeUsed: 'recovery code', reset: 'reset your password' },
  es: { totpEnabled: 'autenticación', recoveryCodeUsed: 'recuperación', reset: 'contraseña' },
  it: { totpEnabled: 'autenticazione', recoveryCodeUsed: 'recupero', reset: 'password' },
} as const;

describe.each(LOCALES)('factor notices (%s)', (locale) => {
  const catalogue = factorMessagesFor(locale);
  const notices = {
    totpEnabled: catalogue.totpEnabled({ product: PRODUCT, at: AT }),
    totpRemoved: catalogue.totpRemoved({ product: PRODUCT, at: AT }),
    recoveryCodesGenerated: catalogue.recoveryCodesGenerated({ product: PRODUCT, at: AT }),
    recoveryCodeUsed: catalogue.recoveryCodeUsed({ product: PRODUCT, at: AT, left: 7 }),
  };

  test.each(Object.keys(notices))('%s: a one-line subject with the product only, the time in UTC', (name) => {
    const { subject, text } = notices[name as keyof typeof notices];
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain(PRODUCT);
    expect(subject.length).toBeLessThan(140);
    expect(text).toContain('2026');
    expect(text).toContain('UTC');
    expect(text).toContain(`— ${PRODUCT}`);
  });

  test('each says what it is about, in this language, and what to do if it was not the user', () => {
    expect(notices.totpEnabled.text).toContain(OWN_WORDS[locale].totpEnabled);
    expect(notices.recoveryCodeUsed.text).toContain(OWN_WORDS[locale].recoveryCodeUsed);
    for (const notice of Object.values(notices)) expect(notice.text).toContain(OWN_WORDS[locale].reset);
  });

  test('the recovery-code notice says how many codes are left', () => {
    expect(notices.recoveryCodeUsed.text).toMatch(/\b7\b/);
  });

  test('the four notices differ from each other', () => {
    expect(new Set(Object.values(notices).map((n) => n.subject)).size).toBe(4);
  });
});
