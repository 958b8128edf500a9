import type { Problem } from '../api/problem';
import { duration, fill, plural } from './catalogue';
import type { Messages } from './messages';

/** The rule a refused password broke, in words, when the API said which (`reason`) and it is known. */
function passwordReason(m: Messages, reason: string | undefined): string | undefined {
  const reasons: Readonly<Record<string, string>> = m.passwordReasons;
  return reason !== undefined && Object.hasOwn(reasons, reason) ? reasons[reason] : undefined;
}

/** A Problem in words: the translated message of its code, with attempts left or the wait in words. */
export function problemText(m: Messages, problem: Problem): string {
  const intl = m.meta.intl;
  const message = m.errors[problem.code] ?? m.errors.UNKNOWN;
  if (problem.code === 'WEAK_PASSWORD') return passwordReason(m, problem.reason) ?? message;
  if (problem.code === 'INVALID_CODE' && problem.attemptsRemaining !== undefined)
    return `${message} ${plural(intl, m.code.attemptsLeft, problem.attemptsRemaining)}`;
  if (!message.includes('{time}')) return message;
  // Without a wait: a lock or a cooldown is said without the number; sends used up mean starting again.
  if (problem.retryAfter === undefined) {
    if (problem.code === 'MFA_LOCKED') return m.errors.TOO_MANY_ATTEMPTS;
    if (problem.code === 'TOO_MANY_SENDS') return m.code.sendsExhausted;
    return m.errors.THROTTLED;
  }
  return fill(message, { time: duration(intl, problem.retryAfter) });
}
