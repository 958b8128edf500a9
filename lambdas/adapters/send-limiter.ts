import { randomInt } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { admitToWindow } from '../domain/rate-rules';
import { hashId } from '../domain/secrets';
import { isConditionFailure } from './dynamo-errors';

/**
 * At most N sends to one destination (phone or email) in any hour, across users and challenges: a sliding
 * window kept in one item, written with optimistic concurrency (a version number) so parallel sends
 * cannot both take the last slot. The destination is stored hashed.
 */
export interface SendLimiter {
  take(
    destination: string,
    now: number,
  ): Promise<{ admitted: true } | { admitted: false; retryAfter: number }>;
}

const WINDOW_SECONDS = 3600;
const MAX_WRITE_ATTEMPTS = 20;
/** Jittered, so requests that lost the same race do not collide again. */
const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 * attempt) * randomInt(1, 4)));

export function dynamoSendLimiter(
  client: DynamoDBDocumentClient,
  tableName: string,
  maxPerHour: number,
): SendLimiter {
  return {
    async take(destination, now) {
      const Key = { pk: `SENDS#${hashId(destination.toLowerCase())}` };
      for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
        if (attempt > 0) await backOff(attempt);
        const { Item } = await client.send(
          new GetCommand({ TableName: tableName, Key, ConsistentRead: true }),
        );
        const version = Number(Item?.version ?? 0);
        const decision = admitToWindow(
          (Item?.sentAt as number[] | undefined) ?? [],
          now,
          WINDOW_SECONDS,
          maxPerHour,
        );
        if (!decision.admitted) return decision;
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...Key,
                type: 'sends',
                sentAt: decision.kept,
                version: version + 1,
                expiresAt: now + WINDOW_SECONDS,
              },
              ConditionExpression: Item ? 'version = :version' : 'attribute_not_exists(pk)',
              ExpressionAttributeValues: Item ? { ':version': version } : undefined,
            }),
          );
          return { admitted: true };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      // Heavy contention on one destination is itself a sign of abuse: refuse rather than loop.
      return { admitted: false, retryAfter: 60 };
    },
  };
}
