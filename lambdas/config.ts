import * as z from 'zod/mini';
import { gsm7Length } from './domain/gsm7';
import { PHONE_REGIONS } from './domain/phone-regions';

/**
 * Every setting of the service, read and validated once. The same names are used locally and in Lambda
 * (the CDK stack sets them from its props). A missing or bad value stops start-up with a message that
 * names the setting and says what it must be.
 */
const int = (def: number, min: number, max: number) =>
  z._default(
    z.coerce
      .number(`must be a whole number from ${min} to ${max}`)
      .check(
        z.int(`must be a whole number from ${min} to ${max}`),
        z.minimum(min, `must be a whole number from ${min} to ${max}`),
        z.maximum(max, `must be a whole number from ${min} to ${max}`),
      ),
    def,
  );
const text = (min: number, what = `must be at least ${min} characters`) =>
  z.string(what).check(z.minLength(min, what));
const httpUrl = (what: string) =>
  z.pipe(
    z.url({ protocol: /^https?$/, error: what }),
    z.transform((u: string) => u.replace(/\/+$/, '')),
  );
const list = (entry: z.ZodMiniType<string, string>) =>
  z.pipe(
    z.string(),
    z.pipe(
      z.transform((v: string) =>
        v
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      ),
      z.array(entry),
    ),
  );

const DEFAULT_SMS_COUNTRIES = 'US,CA,MX,GB,IE,ES,IT,FR,DE,PT,NL,BE,CH,AT';
const smsCountry = z.pipe(
  z.transform((c: string) => c.toUpperCase()),
  z
    .string()
    .check(
      z.refine(
        (c) => (PHONE_REGIONS as readonly string[]).includes(c),
        'must be ISO 3166 alpha-2 region codes that have phone numbers (like US,ES,IT), separated by commas',
      ),
    ),
);

const schema = z
  .object({
    MFA_CODE_LENGTH: int(6, 6, 10),
    // NIST 800-63B: an out-of-band code is invalid after 10 minutes at most.
    MFA_CODE_TTL_SECONDS: int(300, 30, 600),
    MFA_MAX_ATTEMPTS: int(5, 1, 10),
    // NIST 800-63B-4 §3.2.2: at most 100 consecutive failures.
    MFA_MAX_CONSECUTIVE_FAILURES: int(10, 1, 100),
    MFA_LOCK_SECONDS: int(900, 30, 86_400),
    MFA_RESEND_COOLDOWN_SECONDS: int(30, 0, 600),
    MFA_MAX_SENDS_PER_CHALLENGE: int(5, 1, 20),
    MFA_MAX_SENDS_PER_DESTINATION_PER_HOUR: int(10, 1, 1000),
    MFA_SESSION_TTL_SECONDS: int(900, 60, 3600),
    MFA_MAX_PHONE_VALIDATIONS_PER_USER_PER_HOUR: int(3, 1, 100),
    MFA_MAX_PHONE_VALIDATIONS_PER_USER_PER_DAY: int(10, 1, 1000),
    MFA_MAX_PHONE_VALIDATIONS_PER_ACCOUNT_PER_DAY: int(200, 1, 100_000),
    MFA_MAX_VALIDATION_SENDS_PER_DESTINATION_PER_DAY: int(3, 1, 100),
    MAX_INVITATIONS_PER_ACCOUNT_PER_DAY: int(200, 1, 100_000),
    MAX_INVITATIONS_PER_ADDRESS_PER_DAY: int(3, 1, 100),
    MAX_PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: int(3, 1, 100),
    INVITATION_TTL_SECONDS: int(604_800, 3600, 2_592_000),
    MFA_SMS_ALLOWED_COUNTRIES: z.prefault(
      z.pipe(
        list(smsCountry),
        z.array(z.string()).check(z.minLength(1, 'must name at least one region, like US')),
      ),
      DEFAULT_SMS_COUNTRIES,
    ),
    MFA_REAUTH_MAX_AGE_SECONDS: int(900, 60, 86_400),
    APP_BASE_URL: httpUrl('must be an http(s) URL, like https://app.example.com'),
    // It goes into every SMS: plain GSM-7 letters keep the text in one 160-character segment.
    PRODUCT_NAME: z._default(
      z.string().check(
        z.minLength(1, 'must not be empty'),
        z.maxLength(40, 'must have at most 40 characters'),
        z.refine(
          (name) => gsm7Length(name) === name.length,
          'must use plain GSM-7 characters (no accents like á or í)',
        ),
      ),
      'Account MFA',
    ),
    SETTINGS_TABLE_NAME: text(3),
    CODES_TABLE_NAME: text(3),
    AUDIT_TABLE_NAME: text(3),
    USER_POOL_ID: text(1, 'must not be empty'),
    USER_POOL_CLIENT_ID: text(1, 'must not be empty'),
    SES_FROM_ADDRESS: z.email('must be an email address'),
    /** SES configuration set that turns bounces and complaints into metrics (set by the stack). */
    SES_CONFIGURATION_SET: z.optional(
      z.string().check(z.minLength(1), z.maxLength(64, 'must have at most 64 characters')),
    ),
    /** Browser origins allowed to call the API (comma-separated); none means no CORS headers. */
    CORS_ALLOWED_ORIGINS: z.prefault(
      list(httpUrl('must be http(s) origins like https://app.example.com, separated by commas')),
      '',
    ),
    SMS_SENDER_ID: z.optional(
      z.string().check(z.regex(/^[A-Za-z0-9]{1,11}$/, 'must be 1-11 letters or digits')),
    ),
    /** In AWS: the Secrets Manager secret holding the HMAC and sealing key material. */
    MFA_KEYS_SECRET_ARN: z.optional(text(1, 'must not be empty')),
    /** Local stack and tests only: the key material itself (at least 32 characters). */
    MFA_LOCAL_SECRET: z.optional(text(32)),
  })
  .check(
    z.refine((c) => c.MFA_KEYS_SECRET_ARN !== undefined || c.MFA_LOCAL_SECRET !== undefined, {
      path: ['MFA_KEYS_SECRET_ARN'],
      message: 'is required (or MFA_LOCAL_SECRET for the local stack)',
    }),
  );

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const explain = (error: z.core.$ZodError, present: Record<string, unknown>): string =>
  error.issues
    .map((issue) => {
      const setting = String(issue.path[0] ?? 'configuration');
      return setting in present || issue.code === 'custom'
        ? `${setting} ${issue.message}`
        : `${setting} is missing`;
    })
    .join('; ');

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", so that an exported-but-empty variable takes the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = z.safeParse(schema, present);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${explain(parsed.error, present)}`);
  return parsed.data;
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
