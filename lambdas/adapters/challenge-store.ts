import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { MfaChannel, PreferredMethod } from '../domain/mfa-policy';
import { ifConditionHolds } from './dynamo-errors';
import type { ItemRef } from './item-reader';

/**
 * A one-time-code challenge in the codes table (a sign-in session, a phone validation, a password reset
 * or an authenticator app's enrolment). Every state change is a single conditional write, so parallel
 * requests cannot consume a code twice or take more attempts than allowed. Two deadlines, both checked in every condition: `codeExpiresAt` for the current
 * code, `expiresAt` for the challenge itself (a resend never moves it; DynamoDB's TTL on it only cleans
 * up). The item is small (a few hundred bytes, 1 WRU a write): it never holds a token or a code.
 */
export type ChallengePurpose = 'login' | 'phone-validation' | 'password-reset' | 'totp-enrollment';

export interface Challenge {
  readonly key: string;
  readonly purpose: ChallengePurpose;
  readonly userId: string;
  readonly accountId: string | undefined;
  readonly locale: string;
  /** Where the current code went, or `totp` for a sign-in that starts with the authenticator app (no code sent). */
  readonly channel: PreferredMethod;
  readonly destination: string;
  /** The HMAC of the current code; absent once the code is used, discarded or its attempts are gone. */
  readonly codeDigest: string | undefined;
  readonly codeExpiresAt: number;
  readonly attempts: number;
  readonly sends: number;
  readonly lastSentAt: number;
  readonly createdAt: number;
  /** The end of the challenge: the sign-in session (or the validation) dies then, whatever happens. */
  readonly expiresAt: number;
  readonly consumedAt: number | undefined;
  /** Phone validations: when the right code was entered (the number is then proven, not yet saved). */
  readonly verifiedAt?: number;
  /** The channel the code was meant for, when it went by another (SMS refused → email). */
  readonly fallbackFrom?: MfaChannel;
}

export type NewChallenge = Omit<
  Challenge,
  'attempts' | 'sends' | 'consumedAt' | 'verifiedAt' | 'fallbackFrom'
> & {
  /** Codes sent so far: 1, or 0 for a sign-in that starts with the authenticator app. */
  readonly sends?: number;
};

export interface ChallengeStore {
  /** Where the item lives, for reads batched with other items. */
  ref(challengeKey: string): ItemRef;
  fromItem(item: Record<string, unknown> | undefined): Challenge | undefined;
  create(challenge: NewChallenge): Promise<void>;
  get(key: string): Promise<Challenge | undefined>;
  /**
   * A wrong code: takes one attempt if the code is live and has attempts left; returns the attempts taken
   * so far. Taking the last one removes the code, so the challenge can no longer be answered.
   */
  takeAttempt(key: string, now: number, maxAttempts: number): Promise<number | undefined>;
  /**
   * A right answer to a sign-in: marks the challenge used; exactly one of racing requests gets true. With
   * `codeDigest`, only while that is still the challenge's code (a resend may have replaced it); without,
   * for answers checked elsewhere (an authenticator app code, a recovery code).
   */
  consume(key: string, codeDigest: string | undefined, now: number, maxAttempts: number): Promise<boolean>;
  /**
   * Installs a new code (every earlier code dies) if the resend rules allow it at `now`; returns the
   * challenge before the change (to put it back if the send is refused), or undefined.
   */
  replaceCode(
    key: string,
    change: {
      codeDigest: string;
      now: number;
      codeExpiresAt: number;
      channel?: MfaChannel;
      destination?: string;
    },
    limits: { cooldownSeconds: number; maxSends: number; maxAttempts: number },
  ): Promise<Challenge | undefined>;
  /** Puts back the code and send state that `replaceCode` replaced, if `replacedBy` is still the code. */
  restoreCode(key: string, previous: Challenge, replacedBy: string): Promise<void>;
  /** SMS refused: the same code goes by email instead; the challenge now names that channel. */
  switchChannel(
    key: string,
    codeDigest: string,
    to: { channel: MfaChannel; destination: string },
  ): Promise<boolean>;
  /**
   * Phone validations: the right code marks the validation verified (once) and gives it a new deadline
   * for the Update step; the code itself is then gone.
   */
  markVerified(
    key: string,
    codeDigest: string,
    now: number,
    deadline: number,
    maxAttempts: number,
  ): Promise<boolean>;
  /** Uses up a verified validation of this user; exactly one of racing requests gets it. */
  consumeVerified(key: string, userId: string, now: number): Promise<Challenge | undefined>;
  /** Undoes consumeVerified when the change it guarded could not be made. */
  releaseConsumed(key: string, consumedAt: number): Promise<void>;
  /** After a failed delivery: the code that never arrived must not stay usable. */
  discardCode(key: string, codeDigest: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const pk = (key: string) => ({ pk: `CHALLENGE#${key}` });

const FIELDS = [
  'key',
  'purpose',
  'userId',
  'accountId',
  'locale',
  'channel',
  'destination',
  'codeDigest',
  'codeExpiresAt',
  'attempts',
  'sends',
  'lastSentAt',
  'createdAt',
  'expiresAt',
  'consumedAt',
  'verifiedAt',
  'fallbackFrom',
] as const;

export function challengeFromItem(item: Record<string, unknown> | undefined): Challenge | undefined {
  if (item?.type !== 'challenge') return undefined;
  return Object.fromEntries(
    FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]),
  ) as unknown as Challenge;
}

/** The challenge is live: not used, not verified, not past its end. */
const LIVE = 'attribute_not_exists(consumedAt) AND attribute_not_exists(verifiedAt) AND expiresAt > :now';
/** The code is live too: not past its own expiry. */
const LIVE_CODE = `${LIVE} AND codeExpiresAt > :now`;

export function dynamoChallengeStore(client: DynamoDBDocumentClient, tableName: string): ChallengeStore {
  const update = (input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>) =>
    client.send(new UpdateCommand({ TableName: tableName, ...input }));

  return {
    ref: (key) => ({ tableName, key: pk(key) }),
    fromItem: challengeFromItem,

    async create(challenge) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...pk(challenge.key),
            type: 'challenge',
            ...challenge,
            attempts: 0,
            sends: challenge.sends ?? 1,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async get(key) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: pk(key), ConsistentRead: true }),
      );
      return challengeFromItem(Item);
    },

    async takeAttempt(key, now, maxAttempts) {
      const taken = await ifConditionHolds(async () => {
        const { Attributes } = await update({
          Key: pk(key),
          UpdateExpression: 'SET attempts = attempts + :one',
          ConditionExpression: `${LIVE} AND attempts < :max`,
          ExpressionAttributeValues: { ':one': 1, ':now': now, ':max': maxAttempts },
          ReturnValues: 'UPDATED_NEW',
        });
        return Number(Attributes?.attempts);
      });
      if (taken !== undefined && taken >= maxAttempts) {
        // The last attempt is gone: so is the code (a dead challenge keeps nothing that could be answered).
        await ifConditionHolds(() =>
          update({
            Key: pk(key),
            UpdateExpression: 'REMOVE codeDigest',
            ConditionExpression: 'attempts >= :max',
            ExpressionAttributeValues: { ':max': maxAttempts },
          }),
        );
      }
      return taken;
    },

    consume: async (key, codeDigest, now, maxAttempts) =>
      (await ifConditionHolds(() =>
        update({
          Key: pk(key),
          UpdateExpression: 'SET consumedAt = :now REMOVE codeDigest',
          ConditionExpression:
            codeDigest === undefined
              ? `${LIVE} AND attempts < :max`
              : `codeDigest = :digest AND ${LIVE_CODE} AND attempts < :max`,
          ExpressionAttributeValues:
            codeDigest === undefined
              ? { ':now': now, ':max': maxAttempts }
              : { ':now': now, ':digest': codeDigest, ':max': maxAttempts },
        }),
      )) !== undefined,

    replaceCode: (key, change, limits) =>
      ifConditionHolds(async () => {
        const switching = change.channel !== undefined && change.destination !== undefined;
        const { Attributes } = await update({
          Key: pk(key),
          UpdateExpression:
            'SET codeDigest = :digest, lastSentAt = :now, codeExpiresAt = :codeExpiresAt, sends = sends + :one' +
            (switching ? ', channel = :channel, destination = :destination' : ''),
          ConditionExpression:
            'attribute_not_exists(consumedAt) AND attribute_not_exists(verifiedAt) AND expiresAt > :now' +
            ' AND sends < :maxSends AND lastSentAt <= :cooldownEdge AND attempts < :maxAttempts',
          ExpressionAttributeValues: {
            ':digest': change.codeDigest,
            ':now': change.now,
            ':codeExpiresAt': change.codeExpiresAt,
            ':one': 1,
            ':maxSends': limits.maxSends,
            ':cooldownEdge': change.now - limits.cooldownSeconds,
            ':maxAttempts': limits.maxAttempts,
            ...(switching ? { ':channel': change.channel, ':destination': change.destination } : {}),
          },
          ReturnValues: 'ALL_OLD',
        });
        return challengeFromItem(Attributes);
      }),

    async restoreCode(key, previous, replacedBy) {
      const restored = {
        ':lastSentAt': previous.lastSentAt,
        ':codeExpiresAt': previous.codeExpiresAt,
        ':channel': previous.channel,
        ':destination': previous.destination,
        ':one': 1,
        ':replacedBy': replacedBy,
      };
      await ifConditionHolds(() =>
        update({
          Key: pk(key),
          UpdateExpression:
            'SET lastSentAt = :lastSentAt, codeExpiresAt = :codeExpiresAt, channel = :channel,' +
            ' destination = :destination, sends = sends - :one' +
            (previous.codeDigest ? ', codeDigest = :previous' : ' REMOVE codeDigest'),
          ConditionExpression: 'codeDigest = :replacedBy',
          ExpressionAttributeValues: previous.codeDigest
            ? { ...restored, ':previous': previous.codeDigest }
            : restored,
        }),
      );
    },

    switchChannel: async (key, codeDigest, to) =>
      (await ifConditionHolds(() =>
        update({
          Key: pk(key),
          UpdateExpression: 'SET fallbackFrom = channel, channel = :channel, destination = :destination',
          ConditionExpression: 'codeDigest = :digest',
          ExpressionAttributeValues: {
            ':channel': to.channel,
            ':destination': to.destination,
            ':digest': codeDigest,
          },
        }),
      )) !== undefined,

    markVerified: async (key, codeDigest, now, deadline, maxAttempts) =>
      (await ifConditionHolds(() =>
        update({
          Key: pk(key),
          UpdateExpression: 'SET verifiedAt = :now, expiresAt = :deadline REMOVE codeDigest',
          ConditionExpression: `codeDigest = :digest AND ${LIVE_CODE} AND attempts < :max`,
          ExpressionAttributeValues: {
            ':now': now,
            ':deadline': deadline,
            ':digest': codeDigest,
            ':max': maxAttempts,
          },
        }),
      )) !== undefined,

    consumeVerified: (key, userId, now) =>
      ifConditionHolds(async () => {
        const { Attributes } = await update({
          Key: pk(key),
          UpdateExpression: 'SET consumedAt = :now',
          ConditionExpression:
            'attribute_exists(verifiedAt) AND attribute_not_exists(consumedAt) AND expiresAt > :now AND userId = :user',
          ExpressionAttributeValues: { ':now': now, ':user': userId },
          ReturnValues: 'ALL_NEW',
        });
        return challengeFromItem(Attributes);
      }),

    async releaseConsumed(key, consumedAt) {
      await ifConditionHolds(() =>
        update({
          Key: pk(key),
          UpdateExpression: 'REMOVE consumedAt',
          ConditionExpression: 'consumedAt = :at',
          ExpressionAttributeValues: { ':at': consumedAt },
        }),
      );
    },

    async discardCode(key, codeDigest) {
      await ifConditionHolds(() =>
        update({
          Key: pk(key),
          UpdateExpression: 'REMOVE codeDigest',
          ConditionExpression: 'codeDigest = :digest',
          ExpressionAttributeValues: { ':digest': codeDigest },
        }),
      );
    },

    async delete(key) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: pk(key) }));
    },
  };
}
