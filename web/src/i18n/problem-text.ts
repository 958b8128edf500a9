import type { Problem } from '../api/problem';
import { duration, fill, plural } from './catalogue';
import type { Messages } from './messages';

/** A Problem in words: the translated message of its code, with attempts left or the wait in words. */
export function problemText(m: Messages, problem: Problem): string {
  const intl = m.meta.intl;
  const message = m.errors[problem.code] ?? m.errors.UNKNOWN;
  if (problem.code === 'INVALID_CODE' && problem.attemptsRemaining !== undefined)
    return `${message} ${plural(intl, m.code.attemptsLeft, problem.attemptsRemaining)}`;
  if (!message.includes('{time}')) return message;
  // The API always says how long; without it, the same message minus the number.
  if (problem.retryAfter === undefined)
    return problem.code === 'MFA_LOCKED' ? m.errors.TOO_MANY_ATTEMPTS : m.errors.TOO_MANY_SENDS;
  return fill(message, { time: duration(intl, problem.retryAfter) });
}
