import { randomUUID } from 'node:crypto';
import { DeliveryError } from '../../adapters/delivery-error';
import type { Invitation } from '../../adapters/invitation-store';
import { ApiError, errors } from '../../domain/errors';
import {
  invitationKey,
  invitationState,
  isInvitationTokenShape,
  newInvitationToken,
  normalizeEmail,
  registrationUrl,
} from '../../domain/invitation';
import { resolveLocale } from '../../domain/locale';
import { maskEmail } from '../../domain/masking';
import { messagesFor } from '../../domain/messages';
import { canAdministerAccount } from '../../domain/mfa-policy';
import { epochSeconds } from '../../domain/rate-rules';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import { takeQuotas } from '../codes/quota';
import type { Needs } from '../deps';

export const invitationErrors = {
  notFound: () => new ApiError(404, 'INVITATION_NOT_FOUND', 'This invitation does not exist.'),
  expired: () => new ApiError(410, 'INVITATION_EXPIRED', 'This invitation has expired. Ask for a new one.'),
  used: () => new ApiError(410, 'INVITATION_USED', 'This invitation was already used. Sign in instead.'),
  userExists: () => new ApiError(409, 'USER_EXISTS', 'A user with this email already exists.'),
};

type InvitationDeps = Needs<'identity' | 'accounts' | 'invitations' | 'audit' | 'email' | 'quotas'>;

const iso = (epoch: number) => new Date(epoch * 1000).toISOString();

export interface InviteInput {
  email: string;
  role?: 'admin' | 'member';
  locale?: string;
}

/** An admin invites someone to their own account; MFA is required if the account has it on now. */
export async function inviteUser(
  deps: InvitationDeps,
  caller: Caller | undefined,
  accountId: string,
  input: InviteInput,
) {
  if (!caller || !canAdministerAccount(caller, accountId)) throw errors.forbidden();
  const inviter = await deps.identity.getUser(caller.username);
  const { invitation } = await createInvitation(deps, {
    accountId,
    email: input.email,
    role: input.role ?? 'member',
    locale: input.locale,
    invitedBy: caller.userId,
    inviterName: inviter?.name || caller.email,
    actor: caller.email,
  });
  return invitation;
}

export interface NewInvitation {
  accountId: string;
  email: string;
  role: 'admin' | 'member';
  locale: string | undefined;
  invitedBy: string;
  inviterName: string;
  /** Who is named in the audit trail: the admin's email, or `operator`. */
  actor: string;
}

/**
 * Stores an invitation (its token hashed) and emails the registration link. Used by the admin route and
 * by the operator's create-account command; returns the link for the latter.
 */
export async function createInvitation(deps: InvitationDeps, input: NewInvitation) {
  const email = normalizeEmail(input.email);
  if (await deps.identity.getUser(email)) throw invitationErrors.userExists();
  const account = await deps.accounts.get(input.accountId);
  if (!account) throw errors.forbidden();

  const now = epochSeconds(deps.now());
  // Design §4.3: invitations (new or resent) per account and per address per day.
  const release = await takeQuotas(
    deps,
    [
      { name: 'invitations-per-account', subject: input.accountId },
      { name: 'invitations-per-address', subject: email },
    ],
    now,
  );
  const token = newInvitationToken();
  const invitation: Invitation = {
    key: invitationKey(token),
    invitationId: randomUUID(),
    accountId: input.accountId,
    email,
    role: input.role,
    mfaRequired: account.mfaEnabled,
    invitedBy: input.invitedBy,
    createdAt: now,
    expiresAt: now + deps.config.INVITATION_TTL_SECONDS,
  };
  await deps.invitations.create(invitation);
  const url = registrationUrl(deps.config.APP_BASE_URL, token);
  const message = messagesFor(resolveLocale(input.locale)).invitationEmail({
    product: deps.config.PRODUCT_NAME,
    accountName: account.name,
    inviterName: input.inviterName,
    url,
    expiresAt: new Date(invitation.expiresAt * 1000),
    mfaRequired: invitation.mfaRequired,
  });
  try {
    await deps.email.sendEmail(email, message);
  } catch (error) {
    await deps.invitations.delete(invitation.key);
    await release();
    if (error instanceof DeliveryError) throw errors.deliveryFailed();
    throw error;
  }
  countMetric(MetricNames.InvitationsSent);
  await recordAudit(deps, {
    type: 'invitation.sent',
    accountId: input.accountId,
    actor: input.actor,
    details: { email: maskEmail(email), role: input.role, mfaRequired: invitation.mfaRequired },
  });
  logger.info('invitation.sent', {
    event: 'invitation.sent',
    accountId: input.accountId,
    invitationId: invitation.invitationId,
    email: maskEmail(email),
    mfaRequired: invitation.mfaRequired,
  });
  return {
    url,
    invitation: {
      invitationId: invitation.invitationId,
      email,
      mfaRequired: invitation.mfaRequired,
      expiresAt: iso(invitation.expiresAt),
    },
  };
}

/** A live invitation by its token, or the contract's 404/410. */
export async function findUsableInvitation(
  deps: Needs<'invitations'>,
  token: string,
  now: number,
): Promise<Invitation> {
  if (!isInvitationTokenShape(token)) throw invitationErrors.notFound();
  const invitation = await deps.invitations.get(invitationKey(token));
  if (!invitation) throw invitationErrors.notFound();
  const state = invitationState(invitation, now);
  if (state === 'used') throw invitationErrors.used();
  if (state === 'expired') throw invitationErrors.expired();
  return invitation;
}

/** What the registration page shows before the user fills in the form. */
export async function describeInvitation(deps: Needs<'invitations' | 'accounts'>, token: string) {
  const invitation = await findUsableInvitation(deps, token, epochSeconds(deps.now()));
  const account = await deps.accounts.get(invitation.accountId);
  return {
    email: invitation.email,
    accountName: account?.name ?? '',
    mfaRequired: invitation.mfaRequired,
    expiresAt: iso(invitation.expiresAt),
  };
}
