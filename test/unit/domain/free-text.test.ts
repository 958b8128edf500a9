import { FREE_TEXT_MAX_LENGTH, FREE_TEXT_PATTERN, freeTextProblem } from '../../../lambdas/domain/free-text';

describe('free text (names): at most 100 characters, no control characters, no bidirectional overrides', () => {
  test.each(['Nia', 'María José Ñúñez', '山田 太郎', "O'Brien-Smith", 'Zoë 🐝'])('%p is fine', (name) => {
    expect(freeTextProblem(name)).toBeUndefined();
    expect(new RegExp(FREE_TEXT_PATTERN, 'u').test(name)).toBe(true);
  });

  test.each([
    ['a line feed', 'Nia\nBcc: x@example.com'],
    ['a carriage return', 'Nia\rX'],
    ['NUL', 'Nia\u0000'],
    ['the last C0 character', 'Nia\u001f'],
    ['DEL', 'Nia\u007f'],
    ['a C1 character', 'Nia\u0085'],
    ['the last C1 character', 'Nia\u009f'],
    ['a right-to-left override', 'Nia\u202egnp.exe'],
    ['the first bidirectional embedding', '\u202aNia'],
    ['a left-to-right isolate', 'Nia\u2066'],
    ['the pop directional isolate', 'Nia\u2069'],
  ])('%s is refused as control_characters, by the Lambda and by the schema pattern', (_what, text) => {
    expect(freeTextProblem(text)).toBe('control_characters');
    expect(new RegExp(FREE_TEXT_PATTERN, 'u').test(text)).toBe(false);
  });

  test('characters next to the forbidden ranges are fine', () => {
    // Space after C0, ~ before DEL, U+00A0 after C1, U+2029 and U+202F around the embeddings and
    // overrides, U+2065 and U+206A around the isolates.
    for (const text of [
      'Nia X',
      'Nia~X',
      'Nia\u00a0X',
      'Nia\u2029X',
      'Nia\u202fX',
      'Nia\u2065X',
      'Nia\u206aX',
    ])
      expect(freeTextProblem(text)).toBeUndefined();
  });

  test('blank is empty, after trimming', () => {
    expect(freeTextProblem('')).toBe('empty');
    expect(freeTextProblem('   ')).toBe('empty');
    expect(freeTextProblem(' Nia ')).toBeUndefined();
  });

  test('the bound is 100 characters (code points), after trimming', () => {
    expect(FREE_TEXT_MAX_LENGTH).toBe(100);
    expect(freeTextProblem('x'.repeat(100))).toBeUndefined();
    expect(freeTextProblem(`  ${'x'.repeat(100)}  `)).toBeUndefined();
    expect(freeTextProblem('x'.repeat(101))).toBe('too_long');
    // 100 emoji are 200 UTF-16 units, still 100 characters.
    expect(freeTextProblem('🐝'.repeat(100))).toBeUndefined();
    expect(freeTextProblem('🐝'.repeat(101))).toBe('too_long');
  });

  test('control characters are named before length', () => {
    expect(freeTextProblem(`${'x'.repeat(60)}\n${'x'.repeat(60)}`)).toBe('control_characters');
  });
});
