import { epochSeconds } from '../../domain/rate-rules';
import type { Caller } from '../../http/caller';
import type { Needs } from '../deps';
import { signedInCaller } from '../sessions/recent-sign-in';
import { recordFactorChange } from './factor-change';
import { factorErrors } from './factor-errors';

const DEVICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Forgets one remembered device of the caller: its token skips the code no more. */
export async function forgetDevice(
  deps: Needs<'factors' | 'audit'>,
  who: Caller | undefined,
  deviceId: string,
): Promise<void> {
  const caller = signedInCaller(who);
  if (!DEVICE_ID.test(deviceId) || !(await deps.factors.removeDevice(caller.userId, deviceId)))
    throw factorErrors.deviceNotFound();
  await recordFactorChange(deps, caller, 'mfa.device.forgotten', { deviceId }, [['device', 'removed']]);
}

/** Forgets every remembered device of the caller, including one being remembered at this very moment. */
export async function forgetAllDevices(
  deps: Needs<'factors' | 'audit'>,
  who: Caller | undefined,
): Promise<void> {
  const caller = signedInCaller(who);
  // Creation times are whole seconds: one remembered in this very second (a racing sign-in) dies too.
  await deps.factors.removeAllDevices(caller.userId, epochSeconds(deps.now()) + 1);
  await recordFactorChange(deps, caller, 'mfa.device.forgotten', { all: true }, [['device', 'removed']]);
}
