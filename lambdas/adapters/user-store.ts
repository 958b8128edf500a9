import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
  };
}
