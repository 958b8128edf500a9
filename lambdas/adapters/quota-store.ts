import { randomInt } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { admitToWindows, type QuotaRule, quotaLifetime } from '../domain/quotas';
import { hashId } from '../domain/secrets';
import { ifConditionHolds, isConditionFailure } from './dynamo-errors';

/**
 * The quotas (docs/api.md, Limits) in the codes table: one item per quota and subject (`QUOTA#<name>#<hash>`; the
 * subject, a phone number or an address, is stored hashed) holding a log of send times.
 *
 * A use is one conditional write. While the log holds fewer entries than the largest window allows, the
 * new time is appended blindly (no read: fewer entries than the limit in all means fewer in any window).
 * Only a full log is read, pruned of entries older than the longest window and written back on its
 * version, admitting the use if every window has room. Parallel requests cannot both take the last slot,
 * and a use can be given back (a refused or undelivered send uses no quota).
 */
export type QuotaTake =
  | { readonly admitted: true; readonly release: () => Promise<void> }
  | { readonly admitted: false; readonly retryAfter: number };

export interface QuotaStore {
  /** Takes one use at `now` when every window of the rule has room. */
  take(rule: QuotaRule, subject: string, now: number): Promise<QuotaTake>;
}

const MAX_WRITE_ATTEMPTS = 20;
/** Jittered, so requests that lost the same race do not collide again. */
const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 * attempt) * randomInt(1, 4)));

export const quotaKey = (rule: QuotaRule, subject: string) => ({
  pk: `QUOTA#${rule.name}#${hashId(subject.trim().toLowerCase())}`,
});

export function dynamoQuotaStore(client: DynamoDBDocumentClient, tableName: string): QuotaStore {
  const read = async (Key: { pk: string }) => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }));
    return {
      stamps: (Item?.stamps as number[] | undefined) ?? [],
      version: Number(Item?.version ?? 0),
      exists: !!Item,
    };
  };

  /** The common case: fewer entries than the limit, so the new one fits whatever their times. */
  const append = (Key: { pk: string }, rule: QuotaRule, now: number) =>
    ifConditionHolds(() =>
      client.send(
        new UpdateCommand({
          TableName: tableName,
          Key,
          UpdateExpression:
            'SET #type = :type, stamps = list_append(if_not_exists(stamps, :empty), :now),' +
            ' version = if_not_exists(version, :zero) + :one, expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(stamps) OR size(stamps) < :max',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'quota',
            ':empty': [],
            ':now': [now],
            ':zero': 0,
            ':one': 1,
            ':expiresAt': now + quotaLifetime(rule),
            ':max': Math.min(...rule.windows.map((w) => w.max)),
          },
        }),
      ),
    );

  /** Writes `stamps` if the item is still at `version`; false when someone else wrote first. */
  const replace = async (
    Key: { pk: string },
    rule: QuotaRule,
    stamps: number[],
    seen: { version: number; exists: boolean },
    now: number,
  ): Promise<boolean> => {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...Key,
            type: 'quota',
            stamps,
            version: seen.version + 1,
            expiresAt: now + quotaLifetime(rule),
          },
          ConditionExpression: seen.exists ? 'version = :version' : 'attribute_not_exists(pk)',
          ExpressionAttributeValues: seen.exists ? { ':version': seen.version } : undefined,
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
      if (await replace(Key, rule, stamps, use, now)) return;
    }
  };

  return {
    async take(rule, subject, now) {
      const Key = quotaKey(rule, subject);
      const admitted = { admitted: true as const, release: () => release(Key, rule, now, now) };
      if (await append(Key, rule, now)) return admitted;
      for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
        if (attempt > 0) await backOff(attempt);
        const use = await read(Key);
        const decision = admitToWindows(use.stamps, now, rule.windows);
        if (!decision.admitted) return decision;
        if (await replace(Key, rule, decision.kept, use, now)) return admitted;
      }
      // Heavy contention on one subject is itself a sign of abuse: refuse rather than loop.
      return { admitted: false, retryAfter: 60 };
    },
  };
}
