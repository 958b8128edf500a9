import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { MfaChannel } from '../domain/mfa-policy';
import { ifConditionHolds } from './dynamo-errors';

/**
 * A one-time-code challenge in the codes table. Every state change is a single conditional write, so
 * parallel requests cannot consume a code twice or take more attempts than allowed. `expiresAt` is the
 * code's expiry, checked in every condition; DynamoDB's TTL on it only cleans up.
 */
export type ChallengePurpose = 'login' | 'phone-validation' | 'password-reset';

export interface Challenge {
  readonly key: string;
  readonly purpose: ChallengePurpose;
  readonly userId: string;
  readonly username: string;
  readonly accountId: string | undefined;
  readonly locale: string;
  readonly channel: MfaChannel;
  readonly destination: string;
  readonly codeDigest: string | undefined;
  readonly attempts: number;
  readonly sends: number;
  readonly lastSentAt: number;
  readonly expiresAt: number;
  readonly createdAt: number;
  readonly consumedAt: number | undefined;
  /** Phone validations: when the right code was entered (the number is then proven, not yet saved). */
  readonly verifiedAt?: number;
  readonly sealedTokens: string | undefined;
}

export type NewChallenge = Omit<Challenge, 'attempts' | 'sends' | 'consumedAt' | 'verifiedAt'>;

export interface ChallengeStore {
  create(challenge: NewChallenge): Promise<void>;
  get(key: string): Promise<Challenge | undefined>;
  /** Takes one attempt if the challenge is live and has attempts left; returns the state after it. */
  takeAttempt(key: string, now: number, maxAttempts: number): Promise<Challenge | undefined>;
  /** Marks the challenge used if `codeDigest` is still its code; returns the sealed tokens to the one winner. */
  consume(key: string, codeDigest: string, now: number): Promise<string | undefined>;
  /** Installs a new code (every earlier code dies) if the resend rules allow it at `now`. */
  replaceCode(
    key: string,
    change: { codeDigest: string; now: number; expiresAt: number },
    limits: { cooldownSeconds: number; maxSends: number; maxAttempts: number },
  ): Promise<Challenge | undefined>;
  /**
   * Phone validations: the right code marks the validation verified (once) and gives it a new deadline
   * for the Update step; the code itself is then gone.
   */
  markVerified(key: string, codeDigest: string, now: number, deadline: number): Promise<boolean>;
  /** Uses up a verified validation of this user; exactly one of racing requests gets it. */
  consumeVerified(key: string, userId: string, now: number): Promise<Challenge | undefined>;
  /** Undoes consumeVerified when the change it guarded could not be made. */
  releaseConsumed(key: string, consumedAt: number): Promise<void>;
  /** After a failed delivery: the code that never arrived must not stay usable. */
  discardCode(key: string, codeDigest: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const pk = (key: string) => ({ pk: `CHALLENGE#${key}` });

const fromItem = (item: Record<string, unknown>): Challenge => ({ ...(item as unknown as Challenge) });

export function dynamoChallengeStore(client: DynamoDBDocumentClient, tableName: string): ChallengeStore {
  return {
    async create(challenge) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...pk(challenge.key), type: 'challenge', ...challenge, attempts: 0, sends: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async get(key) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: pk(key), ConsistentRead: true }),
      );
      return Item ? fromItem(Item) : undefined;
    },

    takeAttempt: (key, now, maxAttempts) =>
      ifConditionHolds(async () => {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression: 'SET attempts = attempts + :one',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(consumedAt) AND attribute_not_exists(verifiedAt)' +
              ' AND expiresAt > :now AND attempts < :max',
            ExpressionAttributeValues: { ':one': 1, ':now': now, ':max': maxAttempts },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return fromItem(Attributes ?? {});
      }),

    consume: (key, codeDigest, now) =>
      ifConditionHolds(async () => {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression: 'SET consumedAt = :now REMOVE sealedTokens, codeDigest',
            ConditionExpression:
              'attribute_not_exists(consumedAt) AND codeDigest = :digest AND expiresAt > :now',
            ExpressionAttributeValues: { ':now': now, ':digest': codeDigest },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return Attributes?.sealedTokens as string | undefined;
      }),

    replaceCode: (key, change, limits) =>
      ifConditionHolds(async () => {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression:
              'SET codeDigest = :digest, lastSentAt = :now, expiresAt = :expiresAt, sends = sends + :one',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(consumedAt) AND attribute_not_exists(verifiedAt)' +
              ' AND expiresAt > :now AND sends < :maxSends AND lastSentAt <= :cooldownEdge AND attempts < :maxAttempts',
            ExpressionAttributeValues: {
              ':digest': change.codeDigest,
              ':now': change.now,
              ':expiresAt': change.expiresAt,
              ':one': 1,
              ':maxSends': limits.maxSends,
              ':cooldownEdge': change.now - limits.cooldownSeconds,
              ':maxAttempts': limits.maxAttempts,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return fromItem(Attributes ?? {});
      }),

    markVerified: async (key, codeDigest, now, deadline) =>
      (await ifConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression: 'SET verifiedAt = :now, expiresAt = :deadline REMOVE codeDigest',
            ConditionExpression:
              'attribute_not_exists(verifiedAt) AND attribute_not_exists(consumedAt) AND codeDigest = :digest AND expiresAt > :now',
            ExpressionAttributeValues: { ':now': now, ':deadline': deadline, ':digest': codeDigest },
          }),
        ),
      )) !== undefined,

    consumeVerified: (key, userId, now) =>
      ifConditionHolds(async () => {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression: 'SET consumedAt = :now',
            ConditionExpression:
              'attribute_exists(verifiedAt) AND attribute_not_exists(consumedAt) AND expiresAt > :now AND userId = :user',
            ExpressionAttributeValues: { ':now': now, ':user': userId },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return fromItem(Attributes ?? {});
      }),

    async releaseConsumed(key, consumedAt) {
      await ifConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression: 'REMOVE consumedAt',
            ConditionExpression: 'consumedAt = :at',
            ExpressionAttributeValues: { ':at': consumedAt },
          }),
        ),
      );
    },

    async discardCode(key, codeDigest) {
      await ifConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression: 'REMOVE codeDigest',
            ConditionExpression: 'codeDigest = :digest',
            ExpressionAttributeValues: { ':digest': codeDigest },
          }),
        ),
      );
    },

    async delete(key) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: pk(key) }));
    },
  };
}
