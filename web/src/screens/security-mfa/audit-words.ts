import type { components } from '../../api/schema';
import type { I18n } from '../../i18n/i18n';

export type AuditEvent = components['schemas']['ListAuditEventsResponse']['events'][number];

const isMethod = (value: unknown): value is 'sms' | 'email' | 'totp' =>
  value === 'sms' || value === 'email' || value === 'totp';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** An audit event in the reader's words; an event type this app does not know is shown as it is. */
export function describeEvent(
  i18n: Pick<I18n, 'm' | 'plural'>,
  event: AuditEvent,
): { title: string; detail?: string } {
  const { m } = i18n;
  const d = event.details;
  const roleName = (value: unknown) =>
    value === 'admin' || value === 'member' ? m.security.roles[value] : undefined;
  const role = roleName(d.role);
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ') || undefined;
  switch (event.type) {
    case 'mfa.setting.changed':
      if (typeof d.enabled !== 'boolean' && typeof d.rememberDeviceDays === 'number')
        return {
          title:
            d.rememberDeviceDays > 0
              ? i18n.plural(m.security.events.rememberDaysOn, d.rememberDeviceDays)
              : m.security.events.rememberDaysOff,
        };
      return { title: d.enabled === true ? m.security.events.mfaOn : m.security.events.mfaOff };
    case 'invitation.sent':
      return { title: m.security.events.invitationSent, detail: join(text(d.email), role) };
    case 'invitation.used':
      return { title: m.security.events.invitationUsed };
    case 'user.registered':
      return { title: m.security.events.userRegistered, detail: join(text(d.phone), role) };
    case 'mfa.phone.changed':
      return { title: m.security.events.phoneChanged, detail: text(d.phone) };
    case 'mfa.user.locked':
      return { title: m.security.events.userLocked, detail: text(d.email) };
    case 'mfa.user.unlocked':
      return { title: m.security.events.userUnlocked, detail: text(d.email) };
    case 'mfa.reset':
      return { title: m.security.events.mfaReset, detail: text(d.email) };
    case 'user.role.changed':
      return {
        title: m.security.events.roleChanged,
        detail: roleName(d.from) && roleName(d.to) ? `${roleName(d.from)} → ${roleName(d.to)}` : undefined,
      };
    case 'user.disabled':
      return { title: m.security.events.userDisabled, detail: text(d.email) };
    case 'user.enabled':
      return { title: m.security.events.userEnabled, detail: text(d.email) };
    case 'invitation.revoked':
      return { title: m.security.events.invitationRevoked, detail: text(d.email) };
    case 'password.changed':
      return { title: m.security.events.passwordChanged };
    case 'password.reset':
      return { title: m.security.events.passwordReset };
    case 'session.revoked':
      return { title: m.security.events.signedOutEverywhere };
    case 'mfa.totp.enabled':
      return { title: m.security.events.totpEnabled };
    case 'mfa.totp.removed':
      return { title: m.security.events.totpRemoved };
    case 'mfa.recovery_codes.generated':
      return { title: m.security.events.recoveryCodesGenerated };
    case 'mfa.recovery_code.used':
      return {
        title: m.security.events.recoveryCodeUsed,
        detail:
          typeof d.recoveryCodesRemaining === 'number'
            ? i18n.plural(m.recovery.remaining, d.recoveryCodesRemaining)
            : undefined,
      };
    case 'mfa.preferred.changed':
      return {
        title: m.security.events.preferredChanged,
        detail: isMethod(d.method) ? m.methodNames[d.method] : undefined,
      };
    case 'mfa.device.remembered':
      return { title: m.security.events.deviceRemembered, detail: text(d.label) };
    case 'mfa.device.used':
      return { title: m.security.events.deviceUsed, detail: text(d.label) };
    case 'mfa.device.forgotten':
      return { title: m.security.events.deviceForgotten, detail: text(d.label) };
    default:
      return { title: event.type };
  }
}
