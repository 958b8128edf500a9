import { documentClient } from '../adapters/clients/dynamo';
import { dynamoSessionStore } from '../adapters/session-store';
import { cognitoTokenVerifier, type TokenVerifier } from '../adapters/token-verifier';
import { type Config, config } from '../config';

/** The user pool's issuer: the configured one, else the regional Cognito endpoint of the pool. */
export function tokenIssuer(cfg: Config, region = process.env.AWS_REGION): string {
  if (cfg.COGNITO_ISSUER) return cfg.COGNITO_ISSUER;
  if (!region) throw new Error('COGNITO_ISSUER is not set and AWS_REGION is unknown');
  return `https://cognito-idp.${region}.amazonaws.com/${cfg.USER_POOL_ID}`;
}

/** Verifies the pool's id tokens (signature, issuer, audience, expiry, token use); set up on first use. */
export const tokenVerifier = (cfg: Config = config()): TokenVerifier => {
  let verify: TokenVerifier | undefined;
  return (token) => {
    if (!verify) {
      const issuer = tokenIssuer(cfg);
      verify = cognitoTokenVerifier({
        issuer,
        jwksUrl: cfg.COGNITO_JWKS_URL ?? `${issuer}/.well-known/jwks.json`,
        audience: cfg.USER_POOL_CLIENT_ID,
      });
    }
    return verify(token);
  };
};

export const sessions = (cfg: Config = config()) =>
  dynamoSessionStore(documentClient(), cfg.SETTINGS_TABLE_NAME);
