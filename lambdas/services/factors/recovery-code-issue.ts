import { newRecoveryCodes, normalizeRecoveryCode, recoveryCodeDigest } from '../../domain/recovery-codes';
import type { Needs } from '../deps';

/**
 * Ten new recovery codes for the user, in one write that replaces every earlier code; returns them to be
 * shown once (only their HMACs are stored).
 */
export async function issueRecoveryCodes(deps: Needs<'factors' | 'keys'>, userId: string): Promise<string[]> {
  const keys = await deps.keys();
  const codes = newRecoveryCodes();
  const digests = codes.map((code) =>
    recoveryCodeDigest(keys.hmacKey, userId, normalizeRecoveryCode(code) as string),
  );
  await deps.factors.setRecoveryCodes(userId, digests);
  return codes;
}
