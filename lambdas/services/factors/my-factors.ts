import { errors } from '../../domain/errors';
import type { PreferredMethod } from '../../domain/mfa-policy';
import { epochSeconds } from '../../domain/rate-rules';
import type { Caller } from '../../http/caller';
import type { Needs } from '../deps';
import { liveDevices, type MfaMethods, mfaMethodsOf } from '../mfa-view';
import { signedInCaller } from '../sessions/recent-sign-in';
import { recordFactorChange } from './factor-change';
import { factorErrors } from './factor-errors';

export interface RememberedDeviceView {
  readonly deviceId: string;
  readonly label: string;
  readonly createdAt: string;
  readonly lastUsedAt: string;
  readonly expiresAt: string;
}

/** `GET /v1/me/mfa`: the caller's own factors, with their number in full and each remembered device. */
export interface MyFactors extends Omit<MfaMethods, 'phoneVerified'> {
  readonly phoneNumber: string | null;
  readonly recoveryCodesRemaining: number;
  readonly rememberedDevices: RememberedDeviceView[];
}

export type MyFactorsDeps = Needs<'identity' | 'items' | 'accounts' | 'users' | 'factors'>;

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/** Reads the user (fresh from the pool: the phone may have changed since the token) and their record. */
async function readState(deps: MyFactorsDeps, caller: Caller) {
  const profile = await deps.identity.getUser(caller.username);
  if (!profile) throw errors.unauthorized();
  const [accountItem, userItem] = await deps.items.read([
    deps.accounts.ref(profile.accountId ?? '-'),
    deps.users.ref(profile.userId),
  ]);
  const record = deps.users.fromItem(profile.userId, userItem);
  const factors = deps.factors.fromItem(userItem);
  const methods = mfaMethodsOf(profile, record, deps.accounts.fromItem(accountItem), factors);
  const now = epochSeconds(deps.now());
  const view = (preferred: PreferredMethod): MyFactors => ({
    required: methods.required,
    methods: methods.methods,
    preferred,
    phoneNumber: profile.phoneNumber ?? null,
    recoveryCodesRemaining: factors.recoveryCodeDigests.length,
    rememberedDevices: liveDevices(factors, record, now).map((d) => ({
      deviceId: d.deviceId,
      label: d.label,
      createdAt: iso(d.createdAt),
      lastUsedAt: iso(d.lastUsedAt),
      expiresAt: iso(d.expiresAt),
    })),
  });
  return { methods, view };
}

export async function myFactors(deps: MyFactorsDeps, who: Caller | undefined): Promise<MyFactors> {
  const { methods, view } = await readState(deps, signedInCaller(who));
  return view(methods.preferred);
}

/** The method the caller's sign-ins start with, among those they have (409 METHOD_NOT_ENROLLED otherwise). */
export async function setPreferredMethod(
  deps: MyFactorsDeps & Needs<'audit'>,
  who: Caller | undefined,
  method: PreferredMethod,
): Promise<MyFactors> {
  const caller = signedInCaller(who);
  const { methods, view } = await readState(deps, caller);
  if (!methods.methods.includes(method)) throw factorErrors.methodNotEnrolled(method);
  await deps.factors.setPreferred(caller.userId, method);
  await recordFactorChange(deps, caller, 'mfa.preferred.changed', { method });
  return view(method);
}
