import { gsm7Length } from './domain/gsm7';
import { PHONE_REGIONS } from './domain/phone-regions';
import {
  httpUrl,
  list,
  matches,
  maxLength,
  minLength,
  optional,
  type ReadValue,
  text,
  upperCaseOneOf,
  wholeNumber,
  withDefault,
} from './setting-readers';

/**
 * Every setting of the service, read and checked once. The same names are used locally and in Lambda
 * (the CDK stack sets them from its props). A missing or bad value stops start-up with a message that
 * names the setting and says what it must be.
 */

const DEFAULT_SMS_COUNTRIES = 'US,CA,MX,GB,IE,ES,IT,FR,DE,PT,NL,BE,CH,AT'.split(',');
const smsCountry = upperCaseOneOf(
  PHONE_REGIONS,
  'must be ISO 3166 alpha-2 region codes that have phone numbers (like US,ES,IT), separated by commas',
);

/** A plain address (no display name): what SES takes as the sender. */
const EMAIL_ADDRESS =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+.-]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

const SETTINGS = {
  MFA_CODE_LENGTH: wholeNumber(6, 6, 10),
  // NIST 800-63B: an out-of-band code is invalid after 10 minutes at most.
  MFA_CODE_TTL_SECONDS: wholeNumber(300, 30, 600),
  MFA_MAX_ATTEMPTS: wholeNumber(5, 1, 10),
  // NIST 800-63B-4 §3.2.2: at most 100 consecutive failures.
  MFA_MAX_CONSECUTIVE_FAILURES: wholeNumber(10, 1, 100),
  MFA_LOCK_SECONDS: wholeNumber(900, 30, 86_400),
  MFA_RESEND_COOLDOWN_SECONDS: wholeNumber(30, 0, 600),
  MFA_MAX_SENDS_PER_CHALLENGE: wholeNumber(5, 1, 20),
  MFA_MAX_SENDS_PER_DESTINATION_PER_HOUR: wholeNumber(10, 1, 1000),
  MFA_SESSION_TTL_SECONDS: wholeNumber(900, 60, 3600),
  MFA_MAX_PHONE_VALIDATIONS_PER_USER_PER_HOUR: wholeNumber(3, 1, 100),
  MFA_MAX_PHONE_VALIDATIONS_PER_USER_PER_DAY: wholeNumber(10, 1, 1000),
  MFA_MAX_PHONE_VALIDATIONS_PER_ACCOUNT_PER_DAY: wholeNumber(200, 1, 100_000),
  MFA_MAX_VALIDATION_SENDS_PER_DESTINATION_PER_DAY: wholeNumber(3, 1, 100),
  MAX_INVITATIONS_PER_ACCOUNT_PER_DAY: wholeNumber(200, 1, 100_000),
  MAX_INVITATIONS_PER_ADDRESS_PER_DAY: wholeNumber(3, 1, 100),
  MAX_PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: wholeNumber(3, 1, 100),
  INVITATION_TTL_SECONDS: wholeNumber(604_800, 3600, 2_592_000),
  MFA_SMS_ALLOWED_COUNTRIES: withDefault(
    list(smsCountry, 'must name at least one region, like US'),
    DEFAULT_SMS_COUNTRIES,
  ),
  MFA_REAUTH_MAX_AGE_SECONDS: wholeNumber(900, 60, 86_400),
  APP_BASE_URL: httpUrl('must be an http(s) URL, like https://app.example.com'),
  // It goes into every SMS: plain GSM-7 letters keep the text in one 160-character segment.
  PRODUCT_NAME: withDefault(
    text(maxLength(40), [
      (name) => gsm7Length(name) === name.length,
      'must use plain GSM-7 characters (no accents like á or í)',
    ]),
    'Account MFA',
  ),
  SETTINGS_TABLE_NAME: text(minLength(3)),
  CODES_TABLE_NAME: text(minLength(3)),
  AUDIT_TABLE_NAME: text(minLength(3)),
  USER_POOL_ID: text(),
  USER_POOL_CLIENT_ID: text(),
  /**
   * Issuer of the user pool's tokens (checked by the session authorizer and the refresh route). Default:
   * https://cognito-idp.<AWS_REGION>.amazonaws.com/<USER_POOL_ID>; the local stack names cognito-local's.
   */
  COGNITO_ISSUER: optional(
    httpUrl('must be an http(s) URL, like https://cognito-idp.us-east-1.amazonaws.com/<pool id>'),
  ),
  /** Where the pool publishes its signing keys. Default: <COGNITO_ISSUER>/.well-known/jwks.json. */
  COGNITO_JWKS_URL: optional(httpUrl('must be an http(s) URL')),
  SES_FROM_ADDRESS: text(matches(EMAIL_ADDRESS, 'must be an email address')),
  /** SES configuration set that turns bounces and complaints into metrics (set by the stack). */
  SES_CONFIGURATION_SET: optional(text(maxLength(64))),
  /** Browser origins allowed to call the API (comma-separated); none means no CORS headers. */
  CORS_ALLOWED_ORIGINS: withDefault(
    list(httpUrl('must be http(s) origins like https://app.example.com, separated by commas')),
    [],
  ),
  SMS_SENDER_ID: optional(text(matches(/^[A-Za-z0-9]{1,11}$/, 'must be 1-11 letters or digits'))),
  /** In AWS: the Secrets Manager secret holding the HMAC and sealing key material. */
  MFA_KEYS_SECRET_ARN: optional(text()),
  /** Local stack and tests only: the key material itself (at least 32 characters). */
  MFA_LOCAL_SECRET: optional(text(minLength(32))),
};

export type Config = { [Name in keyof typeof SETTINGS]: ReadValue<(typeof SETTINGS)[Name]> };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", so that an exported-but-empty variable takes the default.
  const raw = (name: string) => (env[name] === '' ? undefined : env[name]);
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, read] of Object.entries(SETTINGS)) {
    const result = read(raw(name));
    if (result.ok) values[name] = result.value;
    else problems.push(`${name} ${result.problem}`);
  }
  if (raw('MFA_KEYS_SECRET_ARN') === undefined && raw('MFA_LOCAL_SECRET') === undefined)
    problems.push('MFA_KEYS_SECRET_ARN is required (or MFA_LOCAL_SECRET for the local stack)');
  if (problems.length) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return values as Config;
}

let cached: Config | undefined;

/** The process-wide configuration, read once. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/** Tests and the local stack change the environment between runs. */
export function resetConfigCache(): void {
  cached = undefined;
}
