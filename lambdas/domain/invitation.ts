import { randomBytes } from 'node:crypto';
import { hashId } from './secrets';

/** A 128-bit random invitation token; only its hash is stored. */
export const newInvitationToken = (): string => randomBytes(16).toString('base64url');
export const invitationKey = (token: string): string => hashId(token);
export const isInvitationTokenShape = (token: string): boolean => /^[A-Za-z0-9_-]{22}$/.test(token);

export type InvitationState = 'valid' | 'expired' | 'used';

export function invitationState(
  invitation: { expiresAt: number; usedAt?: number },
  now: number,
): InvitationState {
  if (invitation.usedAt !== undefined) return 'used';
  return invitation.expiresAt > now ? 'valid' : 'expired';
}

export const registrationUrl = (appBaseUrl: string, token: string): string =>
  `${appBaseUrl}/register?invitation=${encodeURIComponent(token)}`;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
