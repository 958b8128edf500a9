import { accountMessagesFor } from '../../../lambdas/domain/account-messages';
import { LOCALES } from '../../../lambdas/domain/locale';

/** The longest values the configuration allows: PRODUCT_NAME max 40, MFA_CODE_LENGTH max 10, TTL max 600 s. */
const LONGEST = { product: 'A'.repeat(40), code: '1234567890', minutes: 10 };
const TYPICAL = { product: 'Account MFA', code: '048213', minutes: 5 };
const AT = new Date('2026-11-27T20:26:00Z');

/** A subject is one header line: no line breaks, no code, nothing but fixed words and the product. */
const expectSafeSubject = (subject: string, product: string) => {
  expect(subject).not.toMatch(/[\r\n]/);
  expect(subject).not.toMatch(/\d{6,}/);
  expect(subject).toContain(product);
  expect(subject.length).toBeLessThan(120);
};

describe.each(LOCALES)('account notices (%s)', (locale) => {
  const catalogue = accountMessagesFor(locale);

  test.each([LONGEST, TYPICAL])(
    'the reset code email holds the code and its lifetime, never in the subject ($code)',
    (input) => {
      const email = catalogue.passwordResetCodeEmail(input);
      expect(email.text).toContain(input.code);
      expect(email.text).toContain(`${input.minutes} `);
      expect(email.subject).not.toContain(input.code);
      expectSafeSubject(email.subject, input.product);
    },
  );

  test.each(['reset', 'change'] as const)(
    'the password-changed notice (%s) says when, and what to do if it was not them',
    (how) => {
      const email = catalogue.passwordChangedEmail({ product: TYPICAL.product, changedAt: AT, how });
      expectSafeSubject(email.subject, TYPICAL.product);
      expect(email.text).toContain('2026');
      expect(email.text).toContain('UTC');
      // The last paragraph before the signature is the way out.
      expect(email.text.split('\n').length).toBeGreaterThan(6);
    },
  );

  test('a reset and a change read differently (a reset signs out every device, a change the others)', () => {
    const reset = catalogue.passwordChangedEmail({ product: TYPICAL.product, changedAt: AT, how: 'reset' });
    const change = catalogue.passwordChangedEmail({ product: TYPICAL.product, changedAt: AT, how: 'change' });
    expect(reset.text).not.toBe(change.text);
  });

  test('the MFA reset notice says when and that codes now come by email', () => {
    const email = catalogue.mfaResetEmail({ product: LONGEST.product, resetAt: AT });
    expectSafeSubject(email.subject, LONGEST.product);
    expect(email.text).toContain('2026');
    expect(email.text).toContain(LONGEST.product);
  });
});

describe.each(['es', 'it'] as const)('the %s account notices are translated', (locale) => {
  const en = accountMessagesFor('en');
  const translated = accountMessagesFor(locale);
  test('every subject and text differs from English', () => {
    const pairs = [
      [en.passwordResetCodeEmail(TYPICAL), translated.passwordResetCodeEmail(TYPICAL)],
      [
        en.passwordChangedEmail({ product: 'P', changedAt: AT, how: 'reset' }),
        translated.passwordChangedEmail({ product: 'P', changedAt: AT, how: 'reset' }),
      ],
      [
        en.mfaResetEmail({ product: 'P', resetAt: AT }),
        translated.mfaResetEmail({ product: 'P', resetAt: AT }),
      ],
    ];
    for (const [a, b] of pairs) {
      expect(b!.subject).not.toBe(a!.subject);
      expect(b!.text).not.toBe(a!.text);
    }
  });

  test('dates are written the way the language writes them', () => {
    const text = translated.mfaResetEmail({ product: 'P', resetAt: AT }).text;
    expect(text).toContain(locale === 'es' ? 'noviembre' : 'novembre');
  });
});
