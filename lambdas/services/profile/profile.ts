import { errors } from '../../domain/errors';
import { resolveLocale } from '../../domain/locale';
import { effectiveMfaChannel } from '../../domain/mfa-policy';
import type { Caller } from '../../http/caller';
import type { Needs } from '../deps';
import { mfaView } from '../mfa-view';

/**
 * The signed-in user's own profile, read fresh from the user pool (a token's claims can be stale), with
 * their MFA state (`mfa`, as in the admin's `User`, but with their own number in full).
 */
export async function myProfile(
  deps: Needs<'identity' | 'accounts' | 'users' | 'failures' | 'factors'>,
  caller: Caller | undefined,
) {
  if (!caller) throw errors.unauthorized();
  const user = await deps.identity.getUser(caller.username);
  if (!user) throw errors.unauthorized();
  const [account, record] = await Promise.all([
    user.accountId ? deps.accounts.get(user.accountId) : undefined,
    deps.users.get(user.userId),
  ]);
  const subject = {
    accountMfaEnabled: account?.mfaEnabled === true,
    userMfaRequired: user.mfaRequired,
    phoneNumber: user.phoneNumber,
    email: user.email,
  };
  const mfa = await mfaView(deps, user, record, account);
  return {
    userId: user.userId,
    email: user.email,
    name: user.name,
    accountId: user.accountId ?? null,
    role: user.role ?? 'member',
    locale: resolveLocale(user.locale),
    mfaChannel: effectiveMfaChannel(subject),
    phoneNumber: user.phoneNumber ?? null,
    mfa: { ...mfa, phoneNumber: user.phoneNumber ?? null },
  };
}
