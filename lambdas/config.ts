import { z } from 'zod';
import { gsm7Length } from './domain/gsm7';

/**
 * Every setting of the service, read and validated once. The same names are used locally and in Lambda
 * (the CDK stack sets them from its props). A missing or bad value stops start-up with a message that
 * names the setting.
 */
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const DEFAULT_SMS_COUNTRIES = 'US,CA,MX,GB,IE,ES,IT,FR,DE,PT,NL,BE,CH,AT';

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
    INVITATION_TTL_SECONDS: int(604_800, 3600, 2_592_000),
    MFA_SMS_ALLOWED_COUNTRIES: z
      .string()
      .default(DEFAULT_SMS_COUNTRIES)
      .transform((v) => v.split(',').map((c) => c.trim().toUpperCase()))
      .pipe(
        z.array(z.string().regex(/^[A-Z]{2}$/, 'must be ISO 3166 alpha-2 codes separated by commas')).min(1),
      ),
    MFA_REAUTH_MAX_AGE_SECONDS: int(900, 60, 86_400),
    APP_BASE_URL: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')),
    // It goes into every SMS: plain GSM-7 letters keep the text in one 160-character segment.
    PRODUCT_NAME: z
      .string()
      .min(1)
      .max(40)
      .refine(
        (name) => gsm7Length(name) === name.length,
        'must use plain GSM-7 characters (no accents like á or í)',
      )
      .default('Account MFA'),
    SETTINGS_TABLE_NAME: z.string().min(3),
    CODES_TABLE_NAME: z.string().min(3),
    AUDIT_TABLE_NAME: z.string().min(3),
    USER_POOL_ID: z.string().min(1),
    USER_POOL_CLIENT_ID: z.string().min(1),
    SES_FROM_ADDRESS: z.email(),
    /** SES configuration set that turns bounces and complaints into metrics (set by the stack). */
    SES_CONFIGURATION_SET: z.string().min(1).max(64).optional(),
    /** Browser origins allowed to call the API (comma-separated); none means no CORS headers. */
    CORS_ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o !== ''),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((o) => o.replace(/\/+$/, '')))),
    SMS_SENDER_ID: z
      .string()
      .regex(/^[A-Za-z0-9]{1,11}$/, 'must be 1-11 letters or digits')
      .optional(),
    /** In AWS: the Secrets Manager secret holding the HMAC and sealing key material. */
    MFA_KEYS_SECRET_ARN: z.string().min(1).optional(),
    /** Local stack and tests only: the key material itself (at least 32 characters). */
    MFA_LOCAL_SECRET: z.string().min(32).optional(),
  })
  .refine((c) => c.MFA_KEYS_SECRET_ARN !== undefined || c.MFA_LOCAL_SECRET !== undefined, {
    path: ['MFA_KEYS_SECRET_ARN'],
    message: 'is required (or MFA_LOCAL_SECRET for the local stack)',
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const describe = (error: z.ZodError, present: Record<string, unknown>): string =>
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
  const parsed = schema.safeParse(present);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describe(parsed.error, present)}`);
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
