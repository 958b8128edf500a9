import { randomUUID } from 'node:crypto';
import type { CreateUserResult } from '../../adapters/identity';
import { ApiError, errors } from '../../domain/errors';
import { type FreeTextProblem, freeTextProblem } from '../../domain/free-text';
import { INVITATION_CLAIM_STALE_SECONDS, invitationKey } from '../../domain/invitation';
import { resolveLocale } from '../../domain/locale';
import { maskEmail, maskPhone } from '../../domain/masking';
import { effectiveMfaChannel } from '../../domain/mfa-policy';
import { assertPasswordAllowed } from '../../domain/password-policy';
import { parseMfaPhone } from '../../domain/phone';
import { epochSeconds } from '../../domain/rate-rules';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { findUsableInvitation, invitationErrors } from '../onboarding/invitations';

export interface RegistrationInput {
  invitationToken: string;
  name: string;
  password: string;
  phoneNumber?: string | null;
  locale?: string;
}

const NAME_PROBLEMS: Record<FreeTextProblem, string> = {
  empty: 'Enter your name.',
  too_long: 'The name has at most 100 characters.',
  control_characters: 'The name must not contain line breaks, control characters or direction overrides.',
};

/** A claim older than this is from a request that died; the invitation becomes usable again. */
const CLAIM_STALE_SECONDS = INVITATION_CLAIM_STALE_SECONDS;

/**
 * The invited user creates their account. Every check runs before the invitation is claimed, so a bad
 * phone or a weak password leaves it usable; the claim makes racing registrations give one 201; and if
 * Cognito refuses the user, the claim is released.
 */
export async function register(
  deps: Needs<'invitations' | 'accounts' | 'audit' | 'identity' | 'users'>,
  input: RegistrationInput,
) {
  const now = epochSeconds(deps.now());
  const invitation = await findUsableInvitation(deps, input.invitationToken, now);
  const name = input.name.trim();
  const nameProblem = freeTextProblem(name);
  if (nameProblem) throw errors.badFreeText('name', NAME_PROBLEMS[nameProblem]);
  assertPasswordAllowed(input.password, { email: invitation.email, name });
  const phoneInput = input.phoneNumber?.trim();
  const phoneNumber = phoneInput
    ? parseMfaPhone(phoneInput, deps.config.MFA_SMS_ALLOWED_COUNTRIES)
    : undefined;
  const locale = resolveLocale(input.locale);

  const key = invitationKey(input.invitationToken);
  const claimId = randomUUID();
  if (!(await deps.invitations.claim(key, claimId, now, CLAIM_STALE_SECONDS))) {
    // Someone else is registering with it right now, or just did.
    throw invitationErrors.used();
  }
  let created: CreateUserResult;
  try {
    created = await deps.identity.createUser({
      email: invitation.email,
      name,
      password: input.password,
      phoneNumber,
      locale,
      accountId: invitation.accountId,
      role: invitation.role,
      mfaRequired: invitation.mfaRequired,
    });
  } catch (error) {
    await deps.invitations.release(key, claimId);
    throw error;
  }
  if (!created.ok) {
    await deps.invitations.release(key, claimId);
    if (created.reason === 'exists') throw invitationErrors.userExists();
    // Cognito's own policy is the same length rule, checked above; anything else it refuses is named so.
    throw new ApiError(400, 'WEAK_PASSWORD', 'The password does not meet the password policy.', {
      reason: 'policy',
    });
  }
  await deps.invitations.markUsed(key, claimId, created.userId, now);
  // The account's own index of its people, and its set of active admins (see services/admin/users.ts).
  await deps.users.index({
    userId: created.userId,
    accountId: invitation.accountId,
    email: invitation.email,
    createdAt: now,
  });
  if (invitation.role === 'admin') await deps.accounts.addActiveAdmin(invitation.accountId, created.userId);
  const account = await deps.accounts.get(invitation.accountId);
  const mfaChannel = effectiveMfaChannel({
    // Stryker disable next-line OptionalChaining: an invitation belongs to an account that exists
    accountMfaEnabled: account?.mfaEnabled === true,
    userMfaRequired: invitation.mfaRequired,
    phoneNumber,
    email: invitation.email,
  });
  countMetric(MetricNames.InvitationsUsed);
  const actor = invitation.email;
  await recordAudit(deps, {
    type: 'invitation.used',
    accountId: invitation.accountId,
    actor,
    details: { invitationId: invitation.invitationId },
  });
  await recordAudit(deps, {
    type: 'user.registered',
    accountId: invitation.accountId,
    actor,
    details: {
      userId: created.userId,
      role: invitation.role,
      mfaChannel,
      ...(phoneNumber ? { phone: maskPhone(phoneNumber) } : {}),
    },
  });
  logger.info('registration.completed', {
    event: 'registration.completed',
    accountId: invitation.accountId,
    userId: created.userId,
    email: maskEmail(invitation.email),
    mfaRequired: invitation.mfaRequired,
  });
  return { userId: created.userId, email: invitation.email, mfaChannel };
}
