import { type Config, loadConfig } from '../../../lambdas/config';

/** The settings that have no default; everything else is documented in the README (Settings). */
export const REQUIRED_SETTINGS = {
  APP_BASE_URL: 'https://app.example.com',
  SETTINGS_TABLE_NAME: 'mfa-settings',
  CODES_TABLE_NAME: 'mfa-codes',
  AUDIT_TABLE_NAME: 'mfa-audit',
  USER_POOL_ID: 'us-east-1_pool',
  USER_POOL_CLIENT_ID: 'client-id',
  SES_FROM_ADDRESS: 'no-reply@example.com',
  MFA_LOCAL_SECRET: 'local-secret-that-is-at-least-32-chars',
} as const;

/** A valid configuration: the required settings, then `overrides` (undefined removes one). */
export const testConfig = (overrides: Record<string, string | undefined> = {}): Config =>
  loadConfig({ ...REQUIRED_SETTINGS, ...overrides });
