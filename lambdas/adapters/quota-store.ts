import { randomInt } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { admitToWindows, type QuotaRule, quotaLifetime } from '../domain/quotas';
import { hashId } from '../domain/secrets';
import { isConditionFailure } from './dynamo-errors';
import type { ItemRef } from './item-reader';

/**
 * The quotas (docs/api.md, Limits) in the codes table: one item per quota and subject (`QUOTA#<name>#<hash>`; the
 * subject, a phone number or an address, is stored hashed) holding a sliding log of timestamps. A use is
 * taken by one conditional write on a version number, so parallel requests cannot both take the last
 * slot; a use can be given back (a refused or undelivered send uses no quota).
 */
export interface QuotaUse {
  readonly stamps: readonly number[];
  readonly version: number;
}

export type QuotaTake =
  | { readonly admitted: true; readonly release: () => Promise<void> }
  | { readonly admitted: false; readonly retryAfter: number };

export interface QuotaStore {
  /** Where the item of a quota's subject lives, for reads batched with other items. */
  ref(rule: QuotaRule, subject: string): ItemRef;
  /** The use recorded in an item read elsewhere (absent = unused). */
  fromItem(item: Record<string, unknown> | undefined): QuotaUse;
  /**
   * Takes one use at `now` when every window has room. `known` is the state from a read already made;
   * if it is stale, the store reads again and retries.
   */
  take(rule: QuotaRule, subject: string, now: number, known?: QuotaUse): Promise<QuotaTake>;
}

const MAX_WRITE_ATTEMPTS = 20;
/** Jittered, so requests that lost the same race do not collide again. */
const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 * attempt) * randomInt(1, 4)));

export function dynamoQuotaStore(client: DynamoDBDocumentClient, tableName: string): QuotaStore {
  const key = (rule: QuotaRule, subject: string) => ({
    pk: `QUOTA#${rule.name}#${hashId(subject.trim().toLowerCase())}`,
  });
  const fromItem = (item: Record<string, unknown> | undefined): QuotaUse => ({
    stamps: (item?.stamps as number[] | undefined) ?? [],
    version: Number(item?.version ?? 0),
  });
  const read = async (Key: { pk: string }) =>
    fromItem((await client.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }))).Item);

  /** Writes `stamps` if the item is still at `version`; false when someone else wrote first. */
  const write = async (
    Key: { pk: string },
    rule: QuotaRule,
    stamps: number[],
    version: number,
    now: number,
  ): Promise<boolean> => {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...Key, type: 'quota', stamps, version: version + 1, expiresAt: now + quotaLifetime(rule) },
          ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : 'version = :version',
          ExpressionAttributeValues: version === 0 ? undefined : { ':version': version },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  const release = async (Key: { pk: string }, rule: QuotaRule, stamp: number, now: number) => {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      if (attempt > 0) await backOff(attempt);
      const use = await read(Key);
      const at = use.stamps.lastIndexOf(stamp);
      if (at < 0) return;
      const stamps = [...use.stamps.slice(0, at), ...use.stamps.slice(at + 1)];
      if (await write(Key, rule, stamps, use.version, now)) return;
    }
  };

  return {
    ref: (rule, subject) => ({ tableName, key: key(rule, subject) }),
    fromItem,
    async take(rule, subject, now, known) {
      const Key = key(rule, subject);
      let use = known;
      for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
        if (attempt > 0) await backOff(attempt);
        use ??= await read(Key);
        const decision = admitToWindows(use.stamps, now, rule.windows);
        if (!decision.admitted) return decision;
        if (await write(Key, rule, decision.kept, use.version, now)) {
          return { admitted: true, release: () => release(Key, rule, now, now) };
        }
        use = undefined;
      }
      // Heavy contention on one subject is itself a sign of abuse: refuse rather than loop.
      return { admitted: false, retryAfter: 60 };
    },
  };
}
