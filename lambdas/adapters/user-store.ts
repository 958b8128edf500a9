import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { USER_FACTOR_FIELDS } from '../domain/user-factors';
import {
  ACCOUNT_INDEX,
  accountIndexFields,
  accountPartition,
  type IndexPage,
  queryAccountIndex,
} from './account-index';
import { ifConditionHolds } from './dynamo-errors';
import type { ItemRef } from './item-reader';

/**
 * What the service keeps about a user beyond Cognito's attributes, in the settings table under
 * `USER#<userId>`: whether the user may sign in, since when earlier sessions are void, and the state of
 * their second factors. A user with no item has the defaults (active, nothing revoked, phone unproven).
 * Each change is one update of the fields it owns, so independent changes never overwrite each other.
 */
export interface UserRecord {
  readonly userId: string;
  readonly status: 'active' | 'disabled';
  /** Epoch seconds: a token whose sign-in (`auth_time`) is older than this opens no route. */
  readonly sessionsValidAfter: number | undefined;
  /** The MFA phone (E.164) that has received and returned an SMS code; another number is unproven. */
  readonly provenPhone: string | undefined;
  /** Epoch seconds of the last sign-in SMS that SNS refused (cleared when an SMS gets through). */
  readonly smsFailedAt: number | undefined;
  /** The one session (`origin_jti`) that `sessionsValidAfter` spares: the one that changed the password. */
  readonly keptSession: string | undefined;
  /** The account the user belongs to, when the user is in the account index (see `index`). */
  readonly accountId: string | undefined;
  /** Epoch seconds the user joined the account (registration), when known. */
  readonly createdAt: number | undefined;
}

/** What the account index needs to list a user under their account. */
export interface IndexedUser {
  readonly userId: string;
  readonly accountId: string;
  readonly email: string;
  /** Epoch seconds. */
  readonly createdAt: number;
}

export interface UserStore {
  /** Where the item lives, for reads batched with other items. */
  ref(userId: string): ItemRef;
  fromItem(userId: string, item: Record<string, unknown> | undefined): UserRecord;
  get(userId: string): Promise<UserRecord>;
  /** The number was proven by a code it received (sign-in or phone change). */
  markPhoneProven(userId: string, phoneNumber: string): Promise<void>;
  /** A sign-in SMS was refused by SNS (`at`), or got through (undefined). */
  setSmsFailedAt(userId: string, at: number | undefined): Promise<void>;
  /** Lists the user under their account (registration, seeding); safe to repeat. */
  index(user: IndexedUser): Promise<void>;
  /** The account's users in the order they joined, a page at a time (eventually consistent). */
  listByAccount(accountId: string, page: { limit: number; cursor?: string }): Promise<IndexPage>;
  setStatus(userId: string, status: 'active' | 'disabled'): Promise<void>;
  /**
   * Voids every session begun before `validAfter` (epoch seconds), except `keep` (a session id) when
   * given. Never moves the stamp back: a later revocation already stored wins.
   */
  revokeSessions(userId: string, validAfter: number, keep?: string): Promise<void>;
  /** Forgets every second-factor field of the record (an admin's MFA reset). */
  clearFactors(userId: string): Promise<void>;
}

const key = (userId: string) => ({ pk: `USER#${userId}` });

export function userRecordFromItem(userId: string, item: Record<string, unknown> | undefined): UserRecord {
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return {
    userId,
    status: item?.status === 'disabled' ? 'disabled' : 'active',
    sessionsValidAfter: number(item?.sessionsValidAfter),
    provenPhone: typeof item?.provenPhone === 'string' ? item.provenPhone : undefined,
    smsFailedAt: number(item?.smsFailedAt),
    keptSession: typeof item?.keptSession === 'string' ? item.keptSession : undefined,
    accountId: typeof item?.accountId === 'string' ? item.accountId : undefined,
    createdAt: number(item?.createdAt),
  };
}

export function dynamoUserStore(client: DynamoDBDocumentClient, tableName: string): UserStore {
  const set = async (userId: string, fields: Record<string, unknown>) => {
    const names = Object.keys(fields);
    const assigned = names.filter((n) => fields[n] !== undefined);
    const removed = names.filter((n) => fields[n] === undefined);
    const expression = [
      `SET #type = :type, userId = :userId${assigned.map((n) => `, #${n} = :${n}`).join('')}`,
      removed.length ? `REMOVE ${removed.map((n) => `#${n}`).join(', ')}` : '',
    ].join(' ');
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key(userId),
        UpdateExpression: expression,
        ExpressionAttributeNames: Object.fromEntries([['#type', 'type'], ...names.map((n) => [`#${n}`, n])]),
        ExpressionAttributeValues: Object.fromEntries([
          [':type', 'user'],
          [':userId', userId],
          ...assigned.map((n) => [`:${n}`, fields[n]]),
        ]),
      }),
    );
  };

  return {
    ref: (userId) => ({ tableName, key: key(userId) }),
    fromItem: userRecordFromItem,
    async get(userId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: key(userId), ConsistentRead: true }),
      );
      return userRecordFromItem(userId, Item);
    },
    markPhoneProven: (userId, phoneNumber) =>
      set(userId, { provenPhone: phoneNumber, smsFailedAt: undefined }),
    setSmsFailedAt: (userId, at) => set(userId, { smsFailedAt: at }),

    async index(user) {
      const fields = accountIndexFields(user.accountId, 'USERS', user.userId);
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(user.userId),
          // The first registration time stays (a re-index never reorders the list).
          UpdateExpression:
            'SET #type = :type, userId = :userId, accountId = :accountId, email = :email,' +
            ' createdAt = if_not_exists(createdAt, :createdAt),' +
            ' #ipk = :ipk, #isk = if_not_exists(#isk, :isk)',
          ExpressionAttributeNames: { '#type': 'type', '#ipk': ACCOUNT_INDEX.pk, '#isk': ACCOUNT_INDEX.sk },
          ExpressionAttributeValues: {
            ':type': 'user',
            ':userId': user.userId,
            ':accountId': user.accountId,
            ':email': user.email,
            ':createdAt': user.createdAt,
            ':ipk': fields[ACCOUNT_INDEX.pk],
            ':isk': fields[ACCOUNT_INDEX.sk],
          },
        }),
      );
    },

    listByAccount: (accountId, page) =>
      queryAccountIndex(client, tableName, accountPartition(accountId, 'USERS'), {
        ...page,
        newestFirst: false,
      }),

    setStatus: (userId, status) => set(userId, { status }),

    async revokeSessions(userId, validAfter, keep) {
      // Equal stamps still write: a later "sign out everywhere" must drop a session kept a moment ago.
      await ifConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(userId),
            UpdateExpression: `SET #type = :type, userId = :userId, sessionsValidAfter = :at${
              keep ? ', keptSession = :keep' : ' REMOVE keptSession'
            }`,
            ConditionExpression: 'attribute_not_exists(sessionsValidAfter) OR sessionsValidAfter <= :at',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: {
              ':type': 'user',
              ':userId': userId,
              ':at': validAfter,
              ...(keep ? { ':keep': keep } : {}),
            },
          }),
        ),
      );
    },

    clearFactors: (userId) =>
      set(userId, Object.fromEntries(USER_FACTOR_FIELDS.map((field) => [field, undefined]))),
  };
}
