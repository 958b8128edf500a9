import { callingCodeOf } from './calling-codes';

/** `+14155552671` → `+1 ********71`: the country calling code and the last two digits only. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const code = e164.startsWith('+') ? callingCodeOf(e164) : undefined;
  if (!code) return `${'*'.repeat(Math.max(digits.length - 2, 4))}${digits.slice(-2)}`;
  const national = digits.slice(code.length);
  return `+${code} ${'*'.repeat(Math.max(national.length - 2, 1))}${national.slice(-2)}`;
}

/** `alice@example.com` → `a***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskDestination(channel: 'sms' | 'email', destination: string): string {
  return channel === 'sms' ? maskPhone(destination) : maskEmail(destination);
}
