import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/** The two keys derived from the one server secret: one for code HMACs, one for sealing tokens. */
export interface ServiceKeys {
  readonly hmacKey: Buffer;
  readonly sealKey: Buffer;
}

export function deriveKeys(secret: string): ServiceKeys {
  if (secret.length < 32) throw new RangeError('the server secret must be at least 32 characters');
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, 'account-mfa/v1', purpose, 32));
  return { hmacKey: derive('one-time-code-hmac'), sealKey: derive('token-sealing') };
}

/** An opaque, unguessable identifier (256 bits) for sessions and validations. */
export const newOpaqueId = (): string => randomBytes(32).toString('base64url');

/** The storage key of an opaque id: the table never holds the bearer value itself. */
export const hashId = (id: string): string => createHash('sha256').update(id).digest('base64url');

/**
 * AES-256-GCM with the storage key as additional data, so a sealed blob cannot be moved to another item.
 * Format: v1.<iv>.<ciphertext>.<tag>, base64url parts. The tag is always the full 16 bytes.
 */
export function sealBytes(key: Buffer, plaintext: Buffer, associatedData: string): string {
  const iv = randomBytes(12);
  // Stryker disable next-line ObjectLiteral: 16 bytes is GCM's default tag when sealing; unsealing pins it (tested)
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'));
  return ['v1', ...parts].join('.');
}

export function unsealBytes(key: Buffer, sealed: string, associatedData: string): Buffer {
  const [version, iv, ciphertext, tag, ...rest] = sealed.split('.');
  if (version !== 'v1' || !iv || !ciphertext || !tag || rest.length > 0)
    throw new Error('unknown sealed format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
}

export const seal = (key: Buffer, plaintext: string, associatedData: string): string =>
  sealBytes(key, Buffer.from(plaintext), associatedData);

export const unseal = (key: Buffer, sealed: string, associatedData: string): string =>
  unsealBytes(key, sealed, associatedData).toString('utf8');
