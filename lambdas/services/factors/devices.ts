import { epochSeconds } from '../../domain/rate-rules';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { signedInCaller } from '../sessions/recent-sign-in';
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
  await forgotten(deps, caller, { deviceId });
}

/** Forgets every remembered device of the caller, including one being remembered at this very moment. */
export async function forgetAllDevices(
  deps: Needs<'factors' | 'audit'>,
  who: Caller | undefined,
): Promise<void> {
  const caller = signedInCaller(who);
  // Creation times are whole seconds: one remembered in this very second (a racing sign-in) dies too.
  await deps.factors.removeAllDevices(caller.userId, epochSeconds(deps.now()) + 1);
  await forgotten(deps, caller, { all: true });
}

async function forgotten(
  deps: Needs<'audit'>,
  caller: Caller,
  which: { deviceId: string } | { all: true },
): Promise<void> {
  logger.info('mfa.device.forgotten', { event: 'mfa.device.forgotten', userId: caller.userId, ...which });
  countMetric(MetricNames.FactorChanges, { Method: 'device', Change: 'removed' });
  await recordAudit(deps, {
    type: 'mfa.device.forgotten',
    accountId: caller.accountId,
    actor: caller.email,
    details: { userId: caller.userId, ...which },
  });
}
