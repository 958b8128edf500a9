import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * The service's CloudWatch metrics (embedded metric format, written to the function's log). One namespace;
 * every metric carries the `service` dimension plus at most two of its own, so alarms and the dashboard
 * (lib/operations) can name each series exactly. The CDK app imports these names, so they cannot drift.
 */
export const METRICS_NAMESPACE = 'AccountMfa';
export const SERVICE_NAME = 'account-mfa';

export const MetricNames = {
  /** A code went out. Dimensions: Channel (sms|email), Purpose (login|phone-validation|password-reset). */
  CodesSent: 'CodesSent',
  /** A code was accepted. Dimensions: Channel, Purpose. */
  VerificationsSucceeded: 'VerificationsSucceeded',
  /** A wrong code was evaluated. Dimensions: Purpose. */
  VerificationsFailed: 'VerificationsFailed',
  /** A challenge used up its attempts. Dimensions: Purpose. */
  ChallengesExhausted: 'ChallengesExhausted',
  /** A user's MFA was locked by consecutive failures. No dimension. */
  UsersLocked: 'UsersLocked',
  /** "Resend code" sent a new code. Dimensions: Purpose. */
  Resends: 'Resends',
  /** A request was refused by a limit. Dimensions: Reason (resend-cooldown|sends-per-challenge|destination-hourly|locked). */
  RateLimited: 'RateLimited',
  /** SNS or SES refused a message. Dimensions: Channel. */
  DeliveryFailures: 'DeliveryFailures',
  InvitationsSent: 'InvitationsSent',
  InvitationsUsed: 'InvitationsUsed',
  PhoneChanges: 'PhoneChanges',
  /** SMS by destination country (ISO code). Dimensions: Country. */
  SmsSentByCountry: 'SmsSentByCountry',
  /**
   * A token was refused by the session authorizer or the refresh route. Dimensions: Reason
   * (invalid-token|user-disabled|logged-out|sessions-revoked|mfa-turned-on).
   */
  SessionsRefused: 'SessionsRefused',
  /** Sessions of a user were revoked. Dimensions: Reason (see SESSION_REVOCATION_REASONS). */
  SessionsRevoked: 'SessionsRevoked',
  /** A password reset code was asked for (known or unknown address alike). No dimension. */
  PasswordResetsRequested: 'PasswordResetsRequested',
  /** A password was reset with a code. No dimension. */
  PasswordResets: 'PasswordResets',
  /** A signed-in user changed their password. No dimension. */
  PasswordChanges: 'PasswordChanges',
  /** An admin changed a user or an invitation. Dimensions: Action (see ADMIN_ACTIONS). */
  AdminActions: 'AdminActions',
} as const;

/** Why a user's sessions were revoked (the Reason of SessionsRevoked). */
export const SESSION_REVOCATION_REASONS = [
  'logout-everywhere',
  'password-reset',
  'password-change',
  'mfa-reset',
  'role-change',
  'disabled',
  'enabled',
  'mfa-turned-on',
] as const;
export type SessionRevocationReason = (typeof SESSION_REVOCATION_REASONS)[number];

/** What an admin did (the Action of AdminActions). */
export const ADMIN_ACTIONS = [
  'role-change',
  'disable',
  'enable',
  'mfa-reset',
  'unlock',
  'invitation-revoke',
  'invitation-resend',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

export type MetricName = (typeof MetricNames)[keyof typeof MetricNames];

const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

/** Counts one event now, with its own dimensions (one EMF record; nothing to flush later). */
export function countMetric(name: MetricName, dimensions: Record<string, string> = {}, value = 1): void {
  const single = metrics.singleMetric();
  for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
  single.addMetric(name, MetricUnit.Count, value);
}
