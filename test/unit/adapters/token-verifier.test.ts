import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { cognitoTokenVerifier, type TokenVerifier } from '../../../lambdas/adapters/token-verifier';

type KeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A user pool of our own: an RS256 key, its JWKS on a loopback server, tokens signed like Cognito's. */
let server: Server;
let jwksUrl: string;
let signingKey: KeyLike;
let otherKey: KeyLike;
let jwks: { keys: JWK[] };
const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TEST';
const CLIENT = 'client-1';
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const idClaims = () => ({
  sub: 'user-1',
  'cognito:username': 'user-1',
  email: 'a@example.test',
  'custom:account_id': 'acct-1',
  'custom:role': 'admin',
  'custom:mfa_required': 'true',
  token_use: 'id',
  auth_time: now() - 100,
  origin_jti: 'session-1',
});

async function sign(
  claims: Record<string, unknown>,
  options: { key?: KeyLike; issuer?: string; audience?: string; expiresIn?: number; kid?: string } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? CLIENT)
    .setIssuedAt()
    .setExpirationTime(now() + (options.expiresIn ?? 3600))
    .sign(options.key ?? signingKey);
}

const verifier = (): TokenVerifier => cognitoTokenVerifier({ issuer: ISSUER, jwksUrl, audience: CLIENT });

test('a valid id token gives the claims the service reads', async () => {
  const signed = idClaims();
  const claims = await verifier()(await sign(signed));
  expect(claims).toMatchObject({
    sub: 'user-1',
    username: 'user-1',
    email: 'a@example.test',
    accountId: 'acct-1',
    role: 'admin',
    sessionId: 'session-1',
    userMfaRequired: true,
  });
  expect(claims?.authTime).toBe(signed.auth_time);
});

test.each<[string, () => Promise<string>]>([
  ['an access token', () => sign({ ...idClaims(), token_use: 'access' })],
  ['another issuer', () => sign(idClaims(), { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/other' })],
  ['another app client', () => sign(idClaims(), { audience: 'client-2' })],
  ['an expired token', () => sign(idClaims(), { expiresIn: -10 })],
  ['a token signed by another key', () => sign(idClaims(), { key: otherKey })],
  ['a token with an unknown key id', () => sign(idClaims(), { kid: 'k9' })],
  ['a token without auth_time', async () => sign({ ...idClaims(), auth_time: undefined })],
  ['a token without token_use', async () => sign({ ...idClaims(), token_use: undefined })],
  [
    'an unsigned token',
    async () => {
      const [, payload] = (await sign(idClaims())).split('.');
      return `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    },
  ],
  [
    'a tampered payload',
    async () => {
      const [header, , signature] = (await sign(idClaims())).split('.');
      const forged = Buffer.from(
        JSON.stringify({ ...idClaims(), 'custom:role': 'admin', sub: 'someone-else' }),
      ).toString('base64url');
      return `${header}.${forged}.${signature}`;
    },
  ],
  ['not a JWT', async () => 'not-a-token'],
])('refuses %s', async (_name, make) => {
  expect(await verifier()(await make())).toBeUndefined();
});

test('a key set that cannot be fetched is a server problem, not a refused token', async () => {
  const broken = cognitoTokenVerifier({
    issuer: ISSUER,
    jwksUrl: 'http://127.0.0.1:1/jwks.json',
    audience: CLIENT,
  });
  await expect(broken(await sign(idClaims()))).rejects.toThrow();
});
