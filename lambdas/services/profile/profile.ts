import { errors } from '../../domain/errors';
import { resolveLocale } from '../../domain/locale';
import { effectiveMfaChannel } from '../../domain/mfa-policy';
import type { Caller } from '../../http/caller';
import type { Needs } from '../deps';
import { mfaSubjectOf } from '../mfa-subject';

/** The signed-in user's own profile, read fresh from the user pool (a token's claims can be stale). */
export async function myProfile(deps: Needs<'identity' | 'accounts'>, caller: Caller | undefined) {
  if (!caller) throw errors.unauthorized();
  const user = await deps.identity.getUser(caller.username);
  if (!user) throw errors.unauthorized();
  return {
    userId: user.userId,
    email: user.email,
    name: user.name,
    accountId: user.accountId ?? null,
    role: user.role ?? 'member',
    locale: resolveLocale(user.locale),
    mfaChannel: effectiveMfaChannel(await mfaSubjectOf(deps, user)),
    phoneNumber: user.phoneNumber ?? null,
  };
}
