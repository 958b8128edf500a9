import { Token } from 'aws-cdk-lib';
import { loadConfig } from '../lambdas/config';

/** Stand-ins for values only known at deploy time, valid for their setting, so the rest can be checked now. */
const DEPLOY_TIME_PLACEHOLDERS: Record<string, string> = {
  SES_FROM_ADDRESS: 'placeholder@example.com',
  APP_BASE_URL: 'https://placeholder.example.com',
  COGNITO_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_placeholder',
  CORS_ALLOWED_ORIGINS: 'https://placeholder.example.com',
};

/**
 * Checks the functions' environment with the same validator the Lambdas run at start, so a bad prop or
 * context value stops `cdk synth` instead of every cold start. Returns the environment unchanged.
 */
export function validatedEnvironment(env: Record<string, string>): Record<string, string> {
  const concrete = Object.fromEntries(
    Object.entries(env).map(([name, value]) => [
      name,
      Token.isUnresolved(value) ? (DEPLOY_TIME_PLACEHOLDERS[name] ?? 'deploy-time-value') : value,
    ]),
  );
  loadConfig(concrete);
  return env;
}
