import { dirname } from 'node:path';

/**
 * cognito-local puts only `email` and the custom attributes into its id tokens; AWS puts every attribute
 * the app client may read (name, phone_number, locale, ...). The service reads the user from the id token
 * at sign-in, so the local stack must mint what AWS mints: this wraps cognito-local's token generator and
 * re-signs its id token, with the same key, key id and lifetimes, adding the readable standard attributes.
 */
type Attribute = { Name: string; Value?: string };
type Generated = { AccessToken: string; IdToken: string; RefreshToken: string };
interface TokenGenerator {
  generate(
    ctx: unknown,
    user: { Attributes?: Attribute[] },
    groups: unknown,
    client: { ReadAttributes?: string[] },
    ...rest: unknown[]
  ): Promise<Generated>;
}

/** What the deployed app client may read (lib/user-pool.ts), for a local client that lists none. */
const DEFAULT_READABLE = ['name', 'phone_number', 'phone_number_verified', 'locale'];
const BOOLEAN_CLAIMS = new Set(['phone_number_verified', 'email_verified']);

const fromCognitoLocal = (module: string) =>
  require(require.resolve(module, { paths: [dirname(require.resolve('cognito-local/package.json'))] }));

export function withReadableAttributes<T extends TokenGenerator>(generator: T): T {
  const jwt = fromCognitoLocal('jsonwebtoken') as {
    sign(payload: object, key: string, options: object): string;
    decode(
      token: string,
      options: { complete: true },
    ): { header: { kid?: string }; payload: Record<string, unknown> };
  };
  const { pem } = require('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string };
  const original = generator.generate.bind(generator);
  generator.generate = async (ctx, user, groups, client, ...rest) => {
    const tokens = await original(ctx, user, groups, client, ...rest);
    const readable = (client.ReadAttributes?.length ? client.ReadAttributes : DEFAULT_READABLE).filter(
      (name) => !name.startsWith('custom:') && name !== 'email' && name !== 'email_verified',
    );
    const { header, payload } = jwt.decode(tokens.IdToken, { complete: true });
    const claims: Record<string, unknown> = { ...payload };
    for (const name of readable) {
      const value = user.Attributes?.find((a) => a.Name === name)?.Value;
      if (value !== undefined) claims[name] = BOOLEAN_CLAIMS.has(name) ? value === 'true' : value;
    }
    return { ...tokens, IdToken: jwt.sign(claims, pem, { algorithm: 'RS256', keyid: header.kid }) };
  };
  return generator;
}
