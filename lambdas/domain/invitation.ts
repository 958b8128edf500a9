import { randomBytes } from 'node:crypto';
import { hashId } from './secrets';

/** A 128-bit random invitation token; only its hash is stored. */
export const newInvitationToken = (): string => randomBytes(16).toString('base64url');
export const invitationKey = (token: string): string => hashId(token);
export const isInvitationTokenShape = (token: string): boolean => /^[A-Za-z0-9_-]{22}$/.test(token);

/** A registration's claim on an invitation older than this is from a request that died. */
export const INVITATION_CLAIM_STALE_SECONDS = 60;

export type InvitationState = 'valid' | 'expired' | 'used' | 'revoked';

/** A used invitation stays used; a revoked one (by an admin, a resend or a new invitation) never works again. */
export function invitationState(
  invitation: { expiresAt: number; usedAt?: number; revokedAt?: number },
  now: number,
): InvitationState {
  if (invitation.usedAt !== undefined) return 'used';
  if (invitation.revokedAt !== undefined) return 'revoked';
  return invitation.expiresAt > now ? 'valid' : 'expired';
}

/** The status an admin filters invitations by (`valid` is shown as `pending`). */
export type InvitationStatus = 'pending' | 'used' | 'expired' | 'revoked';
export const INVITATION_STATUSES: readonly InvitationStatus[] = ['pending', 'used', 'expired', 'revoked'];

export const invitationStatus = (
  invitation: { expiresAt: number; usedAt?: number; revokedAt?: number },
  now: number,
): InvitationStatus => {
  const state = invitationState(invitation, now);
  return state === 'valid' ? 'pending' : state;
};

export const registrationUrl = (appBaseUrl: string, token: string): string =>
  `${appBaseUrl}/register?invitation=${encodeURIComponent(token)}`;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
