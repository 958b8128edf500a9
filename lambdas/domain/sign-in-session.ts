import { hashId, newOpaqueId, seal, unseal } from './secrets';
import type { Tokens } from './tokens';

/**
 * The sign-in session the login answer hands out while a code is pending: `<id>.<sealed>`. The id (256
 * random bits) names the challenge, which the codes table keeps under the id's hash only. The sealed part
 * is what the password step produced — Cognito's tokens and who they belong to — encrypted with
 * AES-256-GCM under the service's sealing key and bound to the challenge (the hash is the additional
 * data), so it opens nothing by itself: only a verify that consumes the challenge in one conditional
 * write unseals it and returns the tokens, once. Keeping it with the client keeps the challenge item a
 * few hundred bytes (1 WRU a write) and leaves no token in the table, whatever becomes of the challenge.
 */
export interface SessionContents {
  readonly userId: string;
  readonly accountId: string | undefined;
  /** Where codes can go: the user's MFA phone (E.164), if any, and email. */
  readonly phoneNumber: string | undefined;
  readonly email: string;
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
  return { id, key, session: `${id}.${seal(sealKey, JSON.stringify(contents), key)}` };
}

/** The session's id and contents, or undefined for anything that is not a session this service sealed. */
export function openSession(sealKey: Buffer, session: string): OpenedSession | undefined {
  const dot = session.indexOf('.');
  if (dot < 16) return undefined;
  const id = session.slice(0, dot);
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const key = hashId(id);
  try {
    const contents = JSON.parse(unseal(sealKey, session.slice(dot + 1), key)) as SessionContents;
    return typeof contents?.userId === 'string' && typeof contents.tokens?.idToken === 'string'
      ? { id, key, contents }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The tokens as the verify answer hands them out: their lifetime counted from the password step. */
export const tokensAt = (contents: SessionContents, now: number): Tokens => ({
  ...contents.tokens,
  expiresIn: Math.max(0, contents.tokens.expiresIn - (now - contents.issuedAt)),
});
