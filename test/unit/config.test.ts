import { ConfigError, config, resetConfigCache } from '../../lambdas/config';
import { testConfig as load, REQUIRED_SETTINGS as REQUIRED } from './helpers/config';

function configError(overrides: Record<string, string | undefined>): ConfigError {
  try {
    load(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(overrides)}`);
}

describe('defaults (README, Settings)', () => {
  test('every rule has its documented default', () => {
    const c = load();
    expect(c).toMatchObject({
      MFA_CODE_LENGTH: 6,
      MFA_CODE_TTL_SECONDS: 300,
      MFA_MAX_ATTEMPTS: 5,
      MFA_MAX_CONSECUTIVE_FAILURES: 10,
      MFA_LOCK_SECONDS: 900,
      MFA_RESEND_COOLDOWN_SECONDS: 30,
      MFA_MAX_SENDS_PER_CHALLENGE: 5,
      MFA_MAX_SENDS_PER_DESTINATION_PER_HOUR: 10,
      INVITATION_TTL_SECONDS: 604_800,
      MFA_REAUTH_MAX_AGE_SECONDS: 900,
      PRODUCT_NAME: 'Account MFA',
    });
    expect(c.MFA_SMS_ALLOWED_COUNTRIES).toEqual('US,CA,MX,GB,IE,ES,IT,FR,DE,PT,NL,BE,CH,AT'.split(','));
  });

  test('required values are passed through', () => {
    const c = load();
    expect(c.SETTINGS_TABLE_NAME).toBe('mfa-settings');
    expect(c.CODES_TABLE_NAME).toBe('mfa-codes');
    expect(c.USER_POOL_ID).toBe('us-east-1_pool');
    expect(c.SES_FROM_ADDRESS).toBe('no-reply@example.com');
    expect(c.MFA_KEYS_SECRET_ARN).toBeUndefined();
  });

  test('numbers are coerced from strings and the limits are inclusive', () => {
    const c = load({
      MFA_CODE_LENGTH: '10',
      MFA_CODE_TTL_SECONDS: '600',
      MFA_MAX_CONSECUTIVE_FAILURES: '100',
    });
    expect(c.MFA_CODE_LENGTH).toBe(10);
    expect(c.MFA_CODE_TTL_SECONDS).toBe(600);
    expect(c.MFA_MAX_CONSECUTIVE_FAILURES).toBe(100);
  });

  test('country codes are trimmed and upper-cased', () => {
    expect(load({ MFA_SMS_ALLOWED_COUNTRIES: 'us, it ,Es' }).MFA_SMS_ALLOWED_COUNTRIES).toEqual([
      'US',
      'IT',
      'ES',
    ]);
  });

  test('APP_BASE_URL loses its trailing slashes', () => {
    expect(load({ APP_BASE_URL: 'https://app.example.com/' }).APP_BASE_URL).toBe('https://app.example.com');
    expect(load({ APP_BASE_URL: 'http://localhost:3000//' }).APP_BASE_URL).toBe('http://localhost:3000');
  });

  test('MFA_KEYS_SECRET_ARN alone is enough key material', () => {
    const c = load({
      MFA_LOCAL_SECRET: undefined,
      MFA_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:k',
    });
    expect(c.MFA_KEYS_SECRET_ARN).toBe('arn:aws:secretsmanager:us-east-1:1:secret:k');
    expect(c.MFA_LOCAL_SECRET).toBeUndefined();
  });
});

describe('an empty string means "not set"', () => {
  test.each([
    ['MFA_CODE_LENGTH', 6],
    ['MFA_CODE_TTL_SECONDS', 300],
    ['MFA_MAX_CONSECUTIVE_FAILURES', 10],
    ['PRODUCT_NAME', 'Account MFA'],
  ] as const)('%s="" takes the default', (name, expected) => {
    expect(load({ [name]: '' })[name]).toBe(expected);
  });

  test('MFA_SMS_ALLOWED_COUNTRIES="" takes the default list', () => {
    expect(load({ MFA_SMS_ALLOWED_COUNTRIES: '' }).MFA_SMS_ALLOWED_COUNTRIES).toHaveLength(14);
  });

  test('an empty required setting is reported as missing', () => {
    expect(configError({ SETTINGS_TABLE_NAME: '' }).message).toContain('SETTINGS_TABLE_NAME is missing');
  });
});

describe('a bad value stops start-up with a message naming the setting', () => {
  test.each([
    ['MFA_CODE_TTL_SECONDS', '601'],
    ['MFA_CODE_LENGTH', '5'],
    ['MFA_CODE_LENGTH', '11'],
    ['MFA_CODE_LENGTH', 'abc'],
    ['MFA_MAX_CONSECUTIVE_FAILURES', '101'],
    ['MFA_MAX_ATTEMPTS', '0'],
    ['APP_BASE_URL', 'not-a-url'],
    ['APP_BASE_URL', 'ftp://files.example.com'],
    ['MFA_SMS_ALLOWED_COUNTRIES', 'US,usa'],
    ['MFA_SMS_ALLOWED_COUNTRIES', ','],
    ['SES_FROM_ADDRESS', 'not-an-email'],
    ['SMS_SENDER_ID', 'way-too-long-sender'],
    ['PRODUCT_NAME', 'x'.repeat(41)],
  ])('%s=%p', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(name);
  });

  test('only the bad setting is named', () => {
    const { message } = configError({ MFA_CODE_TTL_SECONDS: '601' });
    expect(message).toMatch(/^Invalid configuration: MFA_CODE_TTL_SECONDS /);
    expect(message).not.toContain('MFA_CODE_LENGTH');
  });

  test('a missing SETTINGS_TABLE_NAME is named as missing', () => {
    expect(configError({ SETTINGS_TABLE_NAME: undefined }).message).toContain(
      'SETTINGS_TABLE_NAME is missing',
    );
  });

  test('neither MFA_KEYS_SECRET_ARN nor MFA_LOCAL_SECRET is refused, naming both', () => {
    const { message } = configError({ MFA_LOCAL_SECRET: undefined, MFA_KEYS_SECRET_ARN: undefined });
    expect(message).toContain('MFA_KEYS_SECRET_ARN');
    expect(message).toContain('MFA_LOCAL_SECRET');
  });

  test('a short MFA_LOCAL_SECRET is refused without echoing the secret', () => {
    const { message } = configError({ MFA_LOCAL_SECRET: 'short-secret-value' });
    expect(message).toContain('MFA_LOCAL_SECRET');
    expect(message).not.toContain('short-secret-value');
  });

  test('several bad settings are all named', () => {
    const { message } = configError({ MFA_CODE_LENGTH: '5', USER_POOL_ID: undefined });
    expect(message).toContain('MFA_CODE_LENGTH');
    expect(message).toContain('USER_POOL_ID');
  });
});

describe('config() reads process.env once', () => {
  const saved = { ...process.env };

  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetConfigCache();
  });

  test('caches until resetConfigCache()', () => {
    Object.assign(process.env, REQUIRED, { MFA_CODE_LENGTH: '8' });
    resetConfigCache();
    const first = config();
    expect(first.MFA_CODE_LENGTH).toBe(8);
    process.env.MFA_CODE_LENGTH = '7';
    expect(config()).toBe(first);
    resetConfigCache();
    expect(config().MFA_CODE_LENGTH).toBe(7);
  });
});
