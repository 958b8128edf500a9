import { BadIndexCursorError } from '../../adapters/account-index';
import type { Invitation } from '../../adapters/invitation-store';
import { errors } from '../../domain/errors';
import {
  INVITATION_CLAIM_STALE_SECONDS,
  INVITATION_STATUSES,
  type InvitationStatus,
  invitationStatus,
} from '../../domain/invitation';
import { maskEmail } from '../../domain/masking';
import { canAdministerAccount } from '../../domain/mfa-policy';
import { epochSeconds } from '../../domain/rate-rules';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { createInvitation, invitationErrors } from '../onboarding/invitations';

const PAGE_SIZE = 25;
const iso = (epoch: number) => new Date(epoch * 1000).toISOString();

function adminOf(caller: Caller | undefined, accountId: string): Caller {
  if (!caller || !canAdministerAccount(caller, accountId)) throw errors.forbidden();
  return caller;
}

/** An invitation of this account by its id; one of another account is not found. */
async function accountInvitation(
  deps: Needs<'invitations'>,
  accountId: string,
  invitationId: string,
): Promise<Invitation> {
  if (!/^[0-9a-f-]{36}$/i.test(invitationId)) throw invitationErrors.notFound();
  const invitation = await deps.invitations.findById(invitationId);
  if (!invitation || invitation.accountId !== accountId) throw invitationErrors.notFound();
  return invitation;
}

export async function listInvitations(
  deps: Needs<'invitations'>,
  caller: Caller | undefined,
  accountId: string,
  query: { status?: string; cursor?: string },
) {
  adminOf(caller, accountId);
  const status = query.status || undefined;
  if (status !== undefined && !(INVITATION_STATUSES as readonly string[]).includes(status)) {
    throw errors.validation('The status must be pending, used, expired or revoked.');
  }
  const now = epochSeconds(deps.now());
  try {
    const page = await deps.invitations.listByAccount(accountId, {
      limit: PAGE_SIZE,
      cursor: query.cursor || undefined,
      status: status as InvitationStatus | undefined,
      now,
    });
    return {
      invitations: page.invitations.map((i) => ({
        invitationId: i.invitationId,
        email: i.email,
        role: i.role,
        status: invitationStatus(i, now),
        mfaRequired: i.mfaRequired,
        createdAt: iso(i.createdAt),
        expiresAt: iso(i.expiresAt),
        invitedBy: i.invitedBy,
      })),
      nextCursor: page.nextCursor,
    };
  } catch (error) {
    if (error instanceof BadIndexCursorError)
      throw errors.validation('The cursor is not valid; start from the first page.');
    throw error;
  }
}

/** Withdraws an unused invitation: its link answers 410 INVITATION_REVOKED from now on. */
export async function revokeInvitation(
  deps: Needs<'invitations' | 'audit'>,
  caller: Caller | undefined,
  accountId: string,
  invitationId: string,
): Promise<void> {
  const admin = adminOf(caller, accountId);
  const invitation = await accountInvitation(deps, accountId, invitationId);
  const now = epochSeconds(deps.now());
  const outcome = await deps.invitations.revoke(invitation.key, now, INVITATION_CLAIM_STALE_SECONDS);
  if (outcome === 'missing') throw invitationErrors.notFound();
  if (outcome === 'used' || outcome === 'in-use') throw invitationErrors.alreadyUsed();
  if (outcome === 'already-revoked') return;
  countMetric(MetricNames.AdminActions, { Action: 'invitation-revoke' });
  logger.info('invitation.revoked', {
    event: 'invitation.revoked',
    accountId,
    invitationId,
    by: admin.userId,
  });
  await recordAudit(deps, {
    type: 'invitation.revoked',
    accountId,
    actor: admin.email,
    details: { invitationId, email: maskEmail(invitation.email) },
  });
}

/**
 * Sends an invitation again: a new link and a new expiry (a new invitation, whose id the answer gives),
 * counted against the invitation quotas; the old link answers 410 INVITATION_REVOKED.
 */
export async function resendInvitation(
  deps: Needs<'identity' | 'accounts' | 'invitations' | 'audit' | 'email' | 'quotas'>,
  caller: Caller | undefined,
  accountId: string,
  invitationId: string,
) {
  const admin = adminOf(caller, accountId);
  const old = await accountInvitation(deps, accountId, invitationId);
  if (old.usedAt !== undefined) throw invitationErrors.alreadyUsed();
  const inviter = await deps.identity.getUser(admin.username);
  const { invitation } = await createInvitation(deps, {
    accountId,
    email: old.email,
    role: old.role,
    locale: old.locale,
    invitedBy: admin.userId,
    inviterName: inviter?.name || admin.email,
    actor: admin.email,
    resendOf: old.invitationId,
  });
  // The new one replaced the pending one of the address; an expired or revoked old one stays as it was.
  const now = epochSeconds(deps.now());
  if (invitationStatus(old, now) === 'pending') {
    await deps.invitations.revoke(old.key, now, INVITATION_CLAIM_STALE_SECONDS);
  }
  countMetric(MetricNames.AdminActions, { Action: 'invitation-resend' });
  return invitation;
}
