/**
 * Checks of the operations props (lib/stack-props.ts), so a bad value stops `cdk synth` with a message
 * naming the prop instead of producing an alarm that never (or always) fires.
 */
export interface OperationsSettings {
  readonly alarmEmail?: string;
  readonly smsMonthlyBudgetUsd: number;
  readonly locksAlarmThreshold: number;
  readonly verifyFailuresAlarmThreshold: number;
  readonly smsVerificationRatioThreshold: number;
  readonly smsVerificationRatioMinCodes: number;
  readonly wafEnabled: boolean;
  readonly wafRateLimit: number;
  readonly wafAllRoutesRateLimit: number;
  readonly corsAllowedOrigins: readonly string[];
}

/** AWS WAF rate-based rule limits (requests per evaluation window). */
export const WAF_RATE_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

export function checkOperationsSettings(settings: OperationsSettings): void {
  const fail = (prop: string, rule: string, value: unknown) => {
    throw new Error(`Stack prop "${prop}" ${rule}, got ${JSON.stringify(value)}`);
  };
  const positive = (prop: keyof OperationsSettings, integer: boolean) => {
    const value = settings[prop];
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value <= 0 ||
      (integer && !Number.isInteger(value))
    )
      fail(prop, `must be a positive ${integer ? 'integer' : 'number'}`, value);
  };
  positive('smsMonthlyBudgetUsd', false);
  positive('locksAlarmThreshold', true);
  positive('verifyFailuresAlarmThreshold', true);
  positive('smsVerificationRatioMinCodes', true);
  const ratio = settings.smsVerificationRatioThreshold;
  if (!(ratio > 0 && ratio <= 1)) fail('smsVerificationRatioThreshold', 'must be a ratio in (0, 1]', ratio);
  for (const prop of ['wafRateLimit', 'wafAllRoutesRateLimit'] as const) {
    const limit = settings[prop];
    if (!Number.isInteger(limit) || limit < WAF_RATE_LIMIT_RANGE.min || limit > WAF_RATE_LIMIT_RANGE.max)
      fail(prop, `must be an integer from ${WAF_RATE_LIMIT_RANGE.min} to ${WAF_RATE_LIMIT_RANGE.max}`, limit);
  }
  if (settings.wafAllRoutesRateLimit < settings.wafRateLimit)
    fail(
      'wafAllRoutesRateLimit',
      `must be at least wafRateLimit (${settings.wafRateLimit})`,
      settings.wafAllRoutesRateLimit,
    );
  if (settings.alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(settings.alarmEmail))
    fail('alarmEmail', 'must be an email address', settings.alarmEmail);
  for (const origin of settings.corsAllowedOrigins) {
    // An exact scheme://host[:port], lower case, as browsers send it: no "*", no path, no trailing slash.
    if (!ORIGIN.test(origin))
      fail(
        'corsAllowedOrigins',
        'must hold origins like https://app.example.com (no "*", path or slash)',
        origin,
      );
  }
}
