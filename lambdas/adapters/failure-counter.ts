import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { FAILURE_MEMORY_SECONDS } from '../domain/rate-rules';
import { ifConditionHolds, isConditionFailure } from './dynamo-errors';

/**
 * The per-user count of consecutive wrong codes, across challenges (NIST 800-63B-4 §3.2.2): a resend or a
 * new sign-in does not reset it, a success does. At the limit the user's MFA is locked for a while.
 * Each increment is one atomic ADD, so parallel guesses are all counted.
 */
export interface LockStatus {
  readonly locked: boolean;
  readonly retryAfter: number;
}

export interface FailureOutcome extends LockStatus {
  readonly failures: number;
}

export interface FailureCounter {
  status(userId: string, now: number): Promise<LockStatus>;
  recordFailure(userId: string, now: number): Promise<FailureOutcome>;
  reset(userId: string, now: number): Promise<void>;
}

const key = (userId: string) => ({ pk: `FAILURES#${userId}` });

export function dynamoFailureCounter(
  client: DynamoDBDocumentClient,
  tableName: string,
  limits: { maxConsecutiveFailures: number; lockSeconds: number },
): FailureCounter {
  const lockedFor = (lockedUntil: unknown, now: number): LockStatus =>
    typeof lockedUntil === 'number' && lockedUntil > now
      ? { locked: true, retryAfter: lockedUntil - now }
      : { locked: false, retryAfter: 0 };

  /** ADD to a live counter; an expired-but-stored counter (TTL is lazy) is replaced by a fresh one. */
  const increment = async (userId: string, now: number): Promise<Record<string, unknown>> => {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(userId),
            UpdateExpression: 'ADD failures :one SET expiresAt = :expiresAt',
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt > :now',
            ExpressionAttributeValues: { ':one': 1, ':now': now, ':expiresAt': now + FAILURE_MEMORY_SECONDS },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ?? {};
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        await client
          .send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...key(userId),
                type: 'failures',
                failures: 0,
                expiresAt: now + FAILURE_MEMORY_SECONDS,
              },
              ConditionExpression: 'expiresAt <= :now',
              ExpressionAttributeValues: { ':now': now },
            }),
          )
          .catch((putError) => {
            if (!isConditionFailure(putError)) throw putError;
          });
      }
    }
    throw new Error('failure counter kept changing under us');
  };

  return {
    async status(userId, now) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: key(userId), ConsistentRead: true }),
      );
      return lockedFor(Item?.lockedUntil, now);
    },

    async recordFailure(userId, now) {
      const item = await increment(userId, now);
      const failures = Number(item.failures ?? 0);
      const current = lockedFor(item.lockedUntil, now);
      if (current.locked || failures < limits.maxConsecutiveFailures) return { ...current, failures };
      const lockedUntil = now + limits.lockSeconds;
      // One of the racing requests that reached the limit sets the lock and starts a new streak.
      await ifConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(userId),
            UpdateExpression: 'SET lockedUntil = :until, failures = :zero, expiresAt = :expiresAt',
            ConditionExpression: 'failures >= :max',
            ExpressionAttributeValues: {
              ':until': lockedUntil,
              ':zero': 0,
              ':max': limits.maxConsecutiveFailures,
              ':expiresAt': lockedUntil + FAILURE_MEMORY_SECONDS,
            },
          }),
        ),
      );
      return { locked: true, retryAfter: limits.lockSeconds, failures };
    },

    async reset(userId, now) {
      await ifConditionHolds(() =>
        client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: key(userId),
            // Never lift a lock that a racing request has just set.
            ConditionExpression: 'attribute_not_exists(lockedUntil) OR lockedUntil <= :now',
            ExpressionAttributeValues: { ':now': now },
          }),
        ),
      );
    },
  };
}
