import { hashId, newOpaqueId, sealBytes, unsealBytes } from './secrets';
import { pack, unpack } from './token-packing';
import type { Tokens } from './tokens';

/**
 * The sign-in session the login answer hands out while a code is pending: `<id>.<sealed>`. The id (256
 * random bits) names the challenge, which the codes table keeps under the id's hash only. The sealed part
 * is what the password step produced — Cognito's tokens and who they belong to — encrypted with
 * AES-256-GCM under the service's sealing key and bound to the challenge (the hash is the additional
 * data), so it opens nothing by itself: only a verify that consumes the challenge in one conditional
 * write unseals it and returns the tokens, once. Keeping it with the client keeps the challenge item a
 * few hundred bytes (1 WRU a write) and leaves no token in the table, whatever becomes of the challenge.
 * The contents are packed before sealing (the tokens' base64 segments as bytes, deflated): a smaller
 * answer, less data out.
 */
export interface SessionContents {
  readonly userId: string;
  readonly accountId: string | undefined;
  /** Where codes can go: the user's MFA phone (E.164), if any, and email. */
  readonly phoneNumber: string | undefined;
  readonly email: string;
  /** When the session began, the MFA phone had been proven by an SMS code and no SMS had failed since. */
  readonly phoneTrusted: boolean;
  /** The account's setting when the session began: may this sign-in remember the device, and for how long. */
  readonly rememberDeviceDays: number;
  /** The user had an authenticator app at the password step: a verify without `method` may answer with it. */
  readonly hasAuthenticatorApp?: boolean;
  readonly locale: string;
  /** Epoch seconds of the password step: the tokens' lifetimes count from here. */
  readonly issuedAt: number;
  readonly tokens: Tokens;
}

export interface OpenedSession {
  readonly id: string;
  /** The challenge's storage key (hash of the id). */
  readonly key: string;
  readonly contents: SessionContents;
}

/** A new session id and the session string that carries `contents`. */
export function newSession(
  sealKey: Buffer,
  contents: SessionContents,
): { id: string; key: string; session: string } {
  const id = newOpaqueId();
  const key = hashId(id);
  const { tokens, ...rest } = contents;
  const packed = pack({ ...rest, expiresIn: tokens.expiresIn }, [
    tokens.idToken,
    tokens.accessToken,
    tokens.refreshToken,
  ]);
  return { id, key, session: `${id}.${sealBytes(sealKey, packed, key)}` };
}

/** The session's id and contents, or undefined for anything that is not a session this service sealed. */
export function openSession(sealKey: Buffer, session: string): OpenedSession | undefined {
  const dot = session.indexOf('.');
  if (dot < 16) return undefined;
  const id = session.slice(0, dot);
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const key = hashId(id);
  // Stryker disable BlockStatement: an empty catch falls through to the same undefined
  try {
    const { json, strings } = unpack(unsealBytes(sealKey, session.slice(dot + 1), key));
    const { expiresIn, ...rest } = json as Omit<SessionContents, 'tokens'> & { expiresIn: number };
    const [idToken, accessToken, refreshToken] = strings;
    if (typeof rest.userId !== 'string' || !idToken || !accessToken || !refreshToken) return undefined;
    const tokens: Tokens = { idToken, accessToken, refreshToken, expiresIn, tokenType: 'Bearer' };
    return { id, key, contents: { ...rest, tokens } };
  } catch {
    return undefined;
  }
  // Stryker restore BlockStatement
}

/** The tokens as the verify answer hands them out: their lifetime counted from the password step. */
export const tokensAt = (contents: SessionContents, now: number): Tokens => ({
  ...contents.tokens,
  expiresIn: Math.max(0, contents.tokens.expiresIn - (now - contents.issuedAt)),
});
