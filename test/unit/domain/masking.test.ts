import { maskDestination, maskEmail, maskPhone } from '../../../lambdas/domain/masking';

describe('maskPhone', () => {
  test.each([
    ['+14155552671', '+1', '4155552671', '+1 ********71'],
    ['+393471234567', '+39', '3471234567', '+39 ********67'],
    ['+34612345678', '+34', '612345678', '+34 *******78'],
    ['+447911123456', '+44', '7911123456', '+44 ********56'],
  ])('%s keeps the country code and the last two digits only', (e164, countryCode, national, expected) => {
    const masked = maskPhone(e164);
    expect(masked).toBe(expected);
    expect(masked.startsWith(`${countryCode} `)).toBe(true);
    expect(masked).not.toContain(national);
    expect(masked).not.toContain(e164);
    // After the country code only the last two digits are visible.
    const visibleDigits = masked.slice(countryCode.length).replace(/\D/g, '');
    expect(visibleDigits).toBe(national.slice(-2));
  });

  test('an unparseable number still shows at most its last two digits', () => {
    const masked = maskPhone('+999 123 456 789');
    expect(masked.replace(/\D/g, '')).toBe('89');
    expect(masked).not.toContain('123456789');
    expect(masked).toBe('**********89');
    expect(maskPhone('+99912')).toBe('****12'); // at least four stars, however short
  });

  test('without the +, digits are not read as a country code', () => {
    expect(maskPhone('14155552671')).toBe('*********71');
  });
});

describe('maskEmail', () => {
  test.each([
    ['alice@example.com', 'a***@example.com'],
    ['b@example.org', 'b***@example.org'],
    ['first.last+tag@sub.example.co.uk', 'f***@sub.example.co.uk'],
  ])('%s → %s', (email, expected) => {
    expect(maskEmail(email)).toBe(expected);
  });

  test('the local part beyond its first character never shows', () => {
    expect(maskEmail('alice@example.com')).not.toContain('lice');
  });

  test.each(['@example.com', 'no-at-sign', ''])('%p without a local part is fully masked', (email) => {
    expect(maskEmail(email)).toBe('***');
  });
});

test('maskDestination picks the mask by channel', () => {
  expect(maskDestination('sms', '+14155552671')).toBe('+1 ********71');
  expect(maskDestination('email', 'alice@example.com')).toBe('a***@example.com');
});
