import type { Problem } from '../../api/problem';
import type { components } from '../../api/schema';
import { resendWait } from '../sign-in/state';

/**
 * Changing the MFA phone as a typed state union: enter the number ("Validate phone"), enter the code
 * the new number received ("Verify"), then "Update". Pure (test/unit/web/phone-change-state.test.ts).
 */
type Started = components['schemas']['StartPhoneValidationResponse'];
type CodeSent = components['schemas']['ResendPhoneValidationResponse'];
type Verified = components['schemas']['VerifyPhoneValidationResponse'];
type Updated = components['schemas']['UpdatePhoneResponse'];

export interface Validation {
  readonly validationId: string;
  readonly destination: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly resendAt: number;
}

export type PhoneChangeState =
  | {
      readonly step: 'edit';
      readonly pending: boolean;
      readonly problem?: Problem;
      /** The number that was just saved (the success message). */
      readonly saved?: string;
    }
  | {
      readonly step: 'code';
      readonly validation: Validation;
      readonly pending: boolean;
      readonly resending: boolean;
      readonly resent: boolean;
      readonly problem?: Problem;
    }
  | {
      readonly step: 'verified';
      readonly validationId: string;
      readonly phoneNumber: string;
      readonly pending: boolean;
      readonly problem?: Problem;
    };

export type PhoneChangeEvent =
  | { readonly type: 'submit' }
  | { readonly type: 'resend' }
  | { readonly type: 'failed'; readonly problem: Problem; readonly now: number }
  | { readonly type: 'started'; readonly answer: Started; readonly now: number }
  | { readonly type: 'resent'; readonly answer: CodeSent; readonly now: number }
  | { readonly type: 'verified'; readonly answer: Verified }
  | { readonly type: 'updated'; readonly answer: Updated }
  | { readonly type: 'edited' }
  | { readonly type: 'cancel' };

export const initialPhoneChange: PhoneChangeState = { step: 'edit', pending: false };

/** Answers after which this validation cannot go on: back to the number, saying why. */
const ENDS_THE_VALIDATION: ReadonlySet<Problem['code']> = new Set([
  'VALIDATION_NOT_FOUND',
  'TOO_MANY_ATTEMPTS',
  'MFA_LOCKED',
]);

const waitedValidation = (validation: Validation, wait: number | undefined, now: number): Validation =>
  wait === undefined ? validation : { ...validation, resendAt: now + wait * 1000 };

export function phoneChangeReducer(state: PhoneChangeState, event: PhoneChangeEvent): PhoneChangeState {
  switch (event.type) {
    case 'cancel':
      return { step: 'edit', pending: false };
    case 'submit':
      return state.step === 'edit'
        ? { step: 'edit', pending: true }
        : {
            ...state,
            pending: true,
            problem: undefined,
            ...(state.step === 'code' ? { resent: false } : {}),
          };
    case 'started':
      return {
        step: 'code',
        validation: {
          validationId: event.answer.validationId,
          destination: event.answer.destination,
          expiresAt: event.now + event.answer.expiresIn * 1000,
          resendAt: event.now + event.answer.resendAvailableIn * 1000,
        },
        pending: false,
        resending: false,
        resent: false,
      };
    case 'verified':
      return state.step === 'code'
        ? {
            step: 'verified',
            validationId: state.validation.validationId,
            phoneNumber: event.answer.phoneNumber,
            pending: false,
          }
        : state;
    case 'updated':
      return { step: 'edit', pending: false, saved: event.answer.phoneNumber };
    case 'failed':
      if (
        state.step !== 'edit' &&
        (ENDS_THE_VALIDATION.has(event.problem.code) ||
          (event.problem.code === 'TOO_MANY_SENDS' && event.problem.retryAfter === undefined))
      )
        return { step: 'edit', pending: false, problem: event.problem };
      if (state.step === 'code')
        return {
          ...state,
          pending: false,
          resending: false,
          problem: event.problem,
          validation: waitedValidation(state.validation, resendWait(event.problem), event.now),
        };
      return { ...state, pending: false, problem: event.problem };
    case 'resend':
      return state.step === 'code'
        ? { ...state, pending: true, resending: true, resent: false, problem: undefined }
        : state;
    case 'resent':
      return state.step === 'code'
        ? {
            ...state,
            pending: false,
            resending: false,
            resent: true,
            validation: {
              ...state.validation,
              destination: event.answer.destination,
              expiresAt: event.now + event.answer.expiresIn * 1000,
              resendAt: event.now + event.answer.resendAvailableIn * 1000,
            },
          }
        : state;
    case 'edited':
      if (state.step === 'edit')
        return state.problem || state.saved ? { step: 'edit', pending: state.pending } : state;
      return state.problem ? { ...state, problem: undefined } : state;
    default:
      return state;
  }
}
