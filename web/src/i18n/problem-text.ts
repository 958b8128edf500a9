import type { Problem } from '../api/problem';
import { duration, fill, plural } from './catalogue';
import type { Messages } from './messages';

/** A Problem in words: the translated message of its code, with attempts left or the wait in words. */
export function problemText(m: Messages, problem: Problem): string {
  const intl = m.meta.intl;
  const message = m.errors[problem.code] ?? m.errors.UNKNOWN;
  // WEAK_PASSWORD says which rule the password broke, when the answer says so.
  const weak =
    problem.code === 'WEAK_PASSWORD' && problem.reason ? weakPasswordText(m, problem.reason) : undefined;
  if (weak) return weak;
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

function weakPasswordText(m: Messages, reason: string): string | undefined {
  return (m.weakPassword as Readonly<Record<string, string | undefined>>)[reason];
}
