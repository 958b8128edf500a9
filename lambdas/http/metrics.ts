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
  /** A sign-in skipped the code on a remembered device. */
  RememberedDeviceSignIns: 'RememberedDeviceSignIns',
  /** A second factor was added or removed. Dimensions: Method (totp|recovery_codes|device), Change (added|removed). */
  FactorChanges: 'FactorChanges',
  /** A recovery code answered a sign-in. */
  RecoveryCodesUsed: 'RecoveryCodesUsed',
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

/** The second-factor changes the service counts (the Method and Change of FactorChanges). */
export const FACTOR_CHANGES = [
  ['totp', 'added'],
  ['totp', 'removed'],
  ['recovery_codes', 'added'],
  ['device', 'added'],
  ['device', 'removed'],
] as const;

export type MetricName = (typeof MetricNames)[keyof typeof MetricNames];

const disabled = () => process.env.POWERTOOLS_METRICS_DISABLED === 'true';

/**
 * Counts one event now, with its own dimensions: one EMF record (CloudWatch's embedded metric format) on
 * stdout, built by hand because a Powertools `singleMetric()` costs ~150 µs of CPU per call and this
 * record is ~5 µs. Nothing to flush later. `POWERTOOLS_METRICS_DISABLED=true` (the local stack) turns it off.
 */
export function countMetric(name: MetricName, dimensions: Record<string, string> = {}, value = 1): void {
  if (disabled()) return;
  const record = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['service', ...Object.keys(dimensions)]],
          Metrics: [{ Name: name, Unit: 'Count' }],
        },
      ],
    },
    service: SERVICE_NAME,
    ...dimensions,
    [name]: value,
  };
  process.stdout.write(`${JSON.stringify(record)}\n`);
}
