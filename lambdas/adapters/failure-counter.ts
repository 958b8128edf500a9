import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { FAILURE_MEMORY_SECONDS } from '../domain/rate-rules';
import { ifConditionHolds, isConditionFailure } from './dynamo-errors';
import type { ItemRef } from './item-reader';

/**
 * The per-user count of consecutive wrong codes, across challenges and purposes (NIST 800-63B-4 §3.2.2):
 * a resend or a new sign-in does not reset it, a success does. It is exact under parallel load: a wrong
 * code is answered only after it has *reserved* its place in the count with one conditional ADD that
 * holds while the count is below the limit, so however many requests race, at most the limit of them
 * are told anything but MFA_LOCKED. The request whose reservation reaches the limit sets the lock.
 */
export interface LockStatus {
  readonly locked: boolean;
  readonly retryAfter: number;
  /** Consecutive failures in the current streak. */
  readonly failures: number;
}

export type Reservation =
  | { readonly admitted: true; readonly failures: number }
  | { readonly admitted: false; readonly retryAfter: number };

export interface FailureCounter {
  /** Where the item lives, for reads batched with other items. */
  ref(userId: string): ItemRef;
  /** The lock as an item read elsewhere shows it at `now`. */
  fromItem(item: Record<string, unknown> | undefined, now: number): LockStatus;
  status(userId: string, now: number): Promise<LockStatus>;
  /** Reserves one failure before a wrong code is answered; refused while the user is locked. */
  reserve(userId: string, now: number): Promise<Reservation>;
  /** After the reservation that reached the limit: locks the user; true for the one request that did. */
  lock(userId: string, now: number): Promise<boolean>;
  /** A right code: the streak ends (never lifting a lock a racing request has just set). */
  reset(userId: string, now: number): Promise<void>;
}

const key = (userId: string) => ({ pk: `FAILURES#${userId}` });

export function dynamoFailureCounter(
  client: DynamoDBDocumentClient,
  tableName: string,
  limits: { maxConsecutiveFailures: number; lockSeconds: number },
): FailureCounter {
  const max = limits.maxConsecutiveFailures;

  const fromItem = (item: Record<string, unknown> | undefined, now: number): LockStatus => {
    const lockedUntil = typeof item?.lockedUntil === 'number' ? item.lockedUntil : undefined;
    const live = typeof item?.expiresAt === 'number' && item.expiresAt > now;
    const failures = live ? Number(item?.failures ?? 0) : 0;
    if (lockedUntil !== undefined && lockedUntil > now)
      return { locked: true, retryAfter: lockedUntil - now, failures };
    // The limit is reached and the lock is being set by the request that reached it.
    if (lockedUntil === undefined && failures >= max)
      return { locked: true, retryAfter: limits.lockSeconds, failures };
    return { locked: false, retryAfter: 0, failures: lockedUntil === undefined ? failures : 0 };
  };

  const read = async (userId: string) =>
    (await client.send(new GetCommand({ TableName: tableName, Key: key(userId), ConsistentRead: true })))
      .Item;

  return {
    ref: (userId) => ({ tableName, key: key(userId) }),
    fromItem,
    status: async (userId, now) => fromItem(await read(userId), now),

    async reserve(userId, now) {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          const { Attributes } = await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: key(userId),
              UpdateExpression: 'ADD failures :one SET #type = :type, expiresAt = :memory',
              // A live streak below the limit with no lock; a first failure creates the item.
              ConditionExpression:
                'attribute_not_exists(pk) OR (failures < :max AND expiresAt > :now AND attribute_not_exists(lockedUntil))',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':type': 'failures',
                ':max': max,
                ':now': now,
                ':memory': now + FAILURE_MEMORY_SECONDS,
              },
              ReturnValues: 'UPDATED_NEW',
            }),
          );
          return { admitted: true, failures: Number(Attributes?.failures) };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
        // Refused: locked, or a streak that is over (lock lifted, or forgotten) and starts again.
        const item = await read(userId);
        if (!item) continue; // reset by a success in between: the ADD creates it again
        const status = fromItem(item, now);
        if (status.locked) return { admitted: false, retryAfter: status.retryAfter };
        const started = await ifConditionHolds(() =>
          client.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...key(userId),
                type: 'failures',
                failures: 1,
                expiresAt: now + FAILURE_MEMORY_SECONDS,
              },
              ConditionExpression: 'failures = :seen AND expiresAt = :seenExpiry',
              ExpressionAttributeValues: { ':seen': item?.failures, ':seenExpiry': item?.expiresAt },
            }),
          ),
        );
        if (started) return { admitted: true, failures: 1 };
      }
      throw new Error('failure counter kept changing under us');
    },

    lock: async (userId, now) =>
      (await ifConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(userId),
            UpdateExpression: 'SET lockedUntil = :until, expiresAt = :expiresAt',
            ConditionExpression: 'failures >= :max AND attribute_not_exists(lockedUntil)',
            ExpressionAttributeValues: {
              ':until': now + limits.lockSeconds,
              ':max': max,
              ':expiresAt': now + limits.lockSeconds + FAILURE_MEMORY_SECONDS,
            },
          }),
        ),
      )) !== undefined,

    async reset(userId, now) {
      await ifConditionHolds(() =>
        client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: key(userId),
            // Never lift a lock that is set or being set by a racing request.
            ConditionExpression:
              '(attribute_not_exists(lockedUntil) AND failures < :max) OR lockedUntil <= :now',
            ExpressionAttributeValues: { ':now': now, ':max': max },
          }),
        ),
      );
    },
  };
}
