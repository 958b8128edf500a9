/**
 * The life of a phone validation: started (a code is out) → verified (the right code came back; the number
 * is proven) → saved (Update made it the MFA phone). It expires at `expiresAt`: the code's lifetime while
 * started, the 15-minute Update window once verified. The store enforces each move with a conditional write.
 */
export type ValidationState = 'started' | 'verified' | 'saved' | 'expired';
export type ValidationStep = 'resend' | 'verify' | 'update';

export interface ValidationRecord {
  readonly expiresAt: number;
  readonly verifiedAt?: number;
  readonly consumedAt?: number;
}

export function validationState(record: ValidationRecord, now: number): ValidationState {
  if (record.consumedAt !== undefined) return 'saved';
  if (record.expiresAt <= now) return 'expired';
  return record.verifiedAt !== undefined ? 'verified' : 'started';
}

/** What a step meets in each state: go ahead, `not-verified` (Update too early) or `gone`. */
export function stepOutcome(
  state: ValidationState,
  step: ValidationStep,
): 'allowed' | 'not-verified' | 'gone' {
  if (step === 'update') {
    if (state === 'verified') return 'allowed';
    return state === 'started' ? 'not-verified' : 'gone';
  }
  return state === 'started' ? 'allowed' : 'gone';
}

/** How long after Verify the number can still be saved. */
export const UPDATE_WINDOW_SECONDS = 15 * 60;
