import type { Problem } from '../../api/problem';
import type { components } from '../../api/schema';

/**
 * The sign-in flow as a typed state union (no impossible screens): the password step, then the code
 * step. `pending` disables the form while a call runs; leaving the code step drops the session and the
 * problem. Pure, so the rules are unit-tested (test/unit/web/sign-in-state.test.ts).
 */
type LoginAnswer = components['schemas']['LoginResponse'];
export type MfaRequired = Extract<LoginAnswer, { status: 'MFA_REQUIRED' }>;
export type CodeSent = components['schemas']['ResendMfaResponse'];

/** Ways to prove the second factor (design §4.2); the login answer lists the user's in `methods`. */
export type Method = 'sms' | 'email' | 'totp' | 'recovery_code';

export interface Challenge {
  readonly session: string;
  /** Where the current code went (or `totp`: nothing was sent). */
  readonly channel: Method;
  readonly destination: string;
  /** Epoch ms: the code's end, the sign-in's end (resends never extend it), when a resend may go. */
  readonly expiresAt: number;
  readonly sessionExpiresAt: number;
  readonly resendAt: number;
  readonly methods: readonly Method[];
  readonly fallbackFrom?: 'sms';
  /** Days a device may be remembered for; 0 = the account does not allow it (no checkbox). */
  readonly rememberDeviceDays: number;
}

export type SignInState =
  | { readonly step: 'password'; readonly pending: boolean; readonly problem?: Problem }
  | {
      readonly step: 'code';
      readonly challenge: Challenge;
      /** The method the code box is for (the channel unless the user picked another). */
      readonly method: Method;
      readonly pending: boolean;
      readonly resending: boolean;
      readonly resent: boolean;
      readonly problem?: Problem;
    };

export type SignInEvent =
  | { readonly type: 'submit' }
  | { readonly type: 'resend' }
  | { readonly type: 'failed'; readonly problem: Problem; readonly now: number }
  | { readonly type: 'challenged'; readonly answer: MfaRequired; readonly now: number }
  | { readonly type: 'resent'; readonly answer: CodeSent; readonly now: number }
  | { readonly type: 'chooseMethod'; readonly method: Method }
  | { readonly type: 'edited' }
  | { readonly type: 'restart'; readonly problem?: Problem };

export const initialSignIn: SignInState = { step: 'password', pending: false };

/** Answers after which this sign-in cannot go on: back to the password step, saying why. */
const ENDS_THE_SIGN_IN: ReadonlySet<Problem['code']> = new Set([
  'SESSION_EXPIRED',
  'TOO_MANY_ATTEMPTS',
  'MFA_LOCKED',
]);
/** TOO_MANY_SENDS without a wait: this sign-in has had all its sends. */
const ends = (problem: Problem) =>
  ENDS_THE_SIGN_IN.has(problem.code) ||
  (problem.code === 'TOO_MANY_SENDS' && problem.retryAfter === undefined);
/** A refused resend that says when it may go again moves the countdown there. */
export const resendWait = (problem: Problem): number | undefined =>
  problem.code === 'RESEND_TOO_SOON' || problem.code === 'TOO_MANY_SENDS' ? problem.retryAfter : undefined;

const KNOWN_METHODS: readonly Method[] = ['sms', 'email', 'totp', 'recovery_code'];
const asMethod = (value: string): Method | undefined =>
  (KNOWN_METHODS as readonly string[]).includes(value) ? (value as Method) : undefined;

export function challengeOf(answer: MfaRequired, now: number): Challenge {
  const channel = asMethod(answer.channel) ?? 'email';
  const methods = ((answer.methods ?? []) as readonly string[])
    .map(asMethod)
    .filter((m): m is Method => m !== undefined);
  return {
    session: answer.session,
    channel,
    destination: answer.destination ?? '',
    expiresAt: now + answer.expiresIn * 1000,
    sessionExpiresAt: now + answer.sessionExpiresIn * 1000,
    resendAt: now + answer.resendAvailableIn * 1000,
    methods: methods.includes(channel) ? methods : [channel, ...methods],
    fallbackFrom: answer.fallbackFrom,
    rememberDeviceDays: answer.rememberDeviceDays ?? 0,
  };
}

function waited(challenge: Challenge, problem: Problem, now: number): Challenge {
  const wait = resendWait(problem);
  return wait === undefined ? challenge : { ...challenge, resendAt: now + wait * 1000 };
}

export function signInReducer(state: SignInState, event: SignInEvent): SignInState {
  switch (event.type) {
    case 'restart':
      return { step: 'password', pending: false, problem: event.problem };
    case 'challenged':
      return {
        step: 'code',
        challenge: challengeOf(event.answer, event.now),
        method: asMethod(event.answer.channel) ?? 'email',
        pending: false,
        resending: false,
        resent: false,
      };
    case 'submit':
      return {
        ...state,
        pending: true,
        problem: undefined,
        ...(state.step === 'code' ? { resent: false } : {}),
      };
    case 'failed':
      if (state.step === 'password') return { step: 'password', pending: false, problem: event.problem };
      if (ends(event.problem)) return { step: 'password', pending: false, problem: event.problem };
      return {
        ...state,
        pending: false,
        resending: false,
        problem: event.problem,
        challenge: waited(state.challenge, event.problem, event.now),
      };
    default:
      break;
  }
  if (state.step !== 'code') return state;
  switch (event.type) {
    case 'resend':
      return { ...state, pending: true, resending: true, resent: false, problem: undefined };
    case 'resent': {
      const channel = asMethod(event.answer.channel) ?? state.challenge.channel;
      return {
        ...state,
        pending: false,
        resending: false,
        resent: true,
        problem: undefined,
        method: channel,
        challenge: {
          ...state.challenge,
          channel,
          destination: event.answer.destination,
          expiresAt: event.now + event.answer.expiresIn * 1000,
          sessionExpiresAt: event.now + event.answer.sessionExpiresIn * 1000,
          resendAt: event.now + event.answer.resendAvailableIn * 1000,
          fallbackFrom: event.answer.fallbackFrom ?? state.challenge.fallbackFrom,
        },
      };
    }
    case 'chooseMethod':
      return { ...state, method: event.method, problem: undefined, resent: false };
    case 'edited':
      return state.problem ? { ...state, problem: undefined } : state;
    default:
      return state;
  }
}
