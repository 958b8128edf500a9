import {
  stepOutcome,
  UPDATE_WINDOW_SECONDS,
  type ValidationStep,
  validationState,
} from '../../../lambdas/domain/phone-validation';

const NOW = 1_000_000;

describe('phone validation state machine', () => {
  test.each([
    [{ expiresAt: NOW + 1 }, 'started'],
    [{ expiresAt: NOW }, 'expired'],
    [{ expiresAt: NOW + 900, verifiedAt: NOW - 5 }, 'verified'],
    [{ expiresAt: NOW, verifiedAt: NOW - 900 }, 'expired'],
    [{ expiresAt: NOW + 900, verifiedAt: NOW - 5, consumedAt: NOW - 1 }, 'saved'],
    [{ expiresAt: NOW - 10, verifiedAt: NOW - 20, consumedAt: NOW - 15 }, 'saved'],
  ] as const)('%j is %s', (record, state) => {
    expect(validationState(record, NOW)).toBe(state);
  });

  const steps: ValidationStep[] = ['resend', 'verify', 'update'];
  test.each([
    ['started', ['allowed', 'allowed', 'not-verified']],
    ['verified', ['gone', 'gone', 'allowed']],
    ['saved', ['gone', 'gone', 'gone']],
    ['expired', ['gone', 'gone', 'gone']],
  ] as const)('in %s: resend, verify, update → %j', (state, outcomes) => {
    expect(steps.map((step) => stepOutcome(state, step))).toEqual(outcomes);
  });

  test('the code expires at every step: a started validation one second past its code is gone for verify', () => {
    const started = { expiresAt: NOW + 300 };
    expect(stepOutcome(validationState(started, NOW + 299), 'verify')).toBe('allowed');
    expect(stepOutcome(validationState(started, NOW + 300), 'verify')).toBe('gone');
    const verified = { expiresAt: NOW + 900, verifiedAt: NOW };
    expect(stepOutcome(validationState(verified, NOW + 899), 'update')).toBe('allowed');
    expect(stepOutcome(validationState(verified, NOW + 900), 'update')).toBe('gone');
  });

  test('a verified number can be saved for 15 minutes after Verify', () => {
    expect(UPDATE_WINDOW_SECONDS).toBe(15 * 60);
    const verified = { expiresAt: NOW + UPDATE_WINDOW_SECONDS, verifiedAt: NOW };
    expect(stepOutcome(validationState(verified, NOW + 14 * 60 + 59), 'update')).toBe('allowed');
    expect(stepOutcome(validationState(verified, NOW + 15 * 60), 'update')).toBe('gone');
  });
});
