import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ifConditionHolds } from './dynamo-errors';
import type { ItemRef } from './item-reader';

/** An account (tenant) and its MFA setting, as kept in the settings table under `ACCOUNT#<id>`. */
export interface Account {
  readonly accountId: string;
  readonly name: string;
  readonly mfaEnabled: boolean;
  /** How many days a device may skip the code after a sign-in with one (0 = never, the default). */
  readonly rememberDeviceDays: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /**
   * Epoch seconds from which sessions of users without their own MFA flag must have begun: set when MFA
   * is turned on, so nobody keeps a session that began without a code (see domain/session-validity.ts).
   */
  readonly mfaSessionsValidAfter?: number;
  /** The session of the admin who turned MFA on: it is not ended by `mfaSessionsValidAfter`. */
  readonly mfaKeptSession?: string;
}

/** What removing a user from the account's active admins came to. */
export type AdminRemoval = 'removed' | 'not-listed' | 'last-admin';

export interface MfaSettingChange {
  readonly enabled?: boolean;
  readonly rememberDeviceDays?: number;
  readonly by: string;
  readonly at: Date;
  /** The stamp written when this change turns MFA on. */
  readonly sessionsValidAfter: number;
  /** The session of the admin making the change, kept when it turns MFA on. */
  readonly keptSession?: string;
}

export interface AccountStore {
  /** Where the item lives, for reads batched with other items. */
  ref(accountId: string): ItemRef;
  fromItem(item: Record<string, unknown> | undefined): Account | undefined;
  get(accountId: string): Promise<Account | undefined>;
  create(account: Omit<Account, 'rememberDeviceDays'> & { rememberDeviceDays?: number }): Promise<void>;
  /**
   * Changes the MFA settings; turning the switch on (from off) also stamps `mfaSessionsValidAfter` in the
   * same write. `turnedOn` says whether this call was the one that turned it on.
   */
  setMfaSetting(
    accountId: string,
    change: MfaSettingChange,
  ): Promise<{ account: Account; turnedOn: boolean } | undefined>;
  /**
   * The account's active admins are kept as a set of user ids on the account item, so "never leave the
   * account without an active admin" is one conditional write, exact however many requests race.
   */
  addActiveAdmin(accountId: string, userId: string): Promise<void>;
  /** Takes the user out of the set unless they are its last member. */
  removeActiveAdmin(accountId: string, userId: string): Promise<AdminRemoval>;
  /** The ids in the set (a consistent read). */
  activeAdmins(accountId: string): Promise<string[]>;
}

const key = (accountId: string) => ({ pk: `ACCOUNT#${accountId}` });

export function accountFromItem(item: Record<string, unknown> | undefined): Account | undefined {
  if (!item) return undefined;
  return {
    accountId: String(item.accountId),
    name: String(item.name),
    mfaEnabled: item.mfaEnabled === true,
    rememberDeviceDays: typeof item.rememberDeviceDays === 'number' ? item.rememberDeviceDays : 0,
    updatedAt: String(item.updatedAt),
    updatedBy: String(item.updatedBy),
    ...(typeof item.mfaSessionsValidAfter === 'number'
      ? { mfaSessionsValidAfter: item.mfaSessionsValidAfter }
      : {}),
    ...(typeof item.mfaKeptSession === 'string' ? { mfaKeptSession: item.mfaKeptSession } : {}),
  };
}

const idsOf = (value: unknown): string[] => (value instanceof Set ? [...value].map(String) : []);

export function dynamoAccountStore(client: DynamoDBDocumentClient, tableName: string): AccountStore {
  const activeAdmins = async (accountId: string): Promise<string[]> => {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: key(accountId),
        ProjectionExpression: 'activeAdminIds',
        ConsistentRead: true,
      }),
    );
    return idsOf(Item?.activeAdminIds);
  };

  /** One write of the given settings (the item's own names), with `extra` set too and `condition` held. */
  const update = (
    accountId: string,
    fields: Record<string, unknown>,
    condition: string,
    extra: Record<string, unknown> = {},
  ) =>
    ifConditionHolds(async () => {
      const all = Object.entries({ ...fields, ...extra }).filter(([, value]) => value !== undefined);
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(accountId),
          UpdateExpression: `SET ${all.map(([name]) => `${name} = :${name}`).join(', ')}`,
          ConditionExpression: condition,
          ExpressionAttributeValues: {
            ...Object.fromEntries(all.map(([name, value]) => [`:${name}`, value])),
            ...(condition.includes(':off') ? { ':off': false } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return accountFromItem(Attributes);
    });

  return {
    ref: (accountId) => ({ tableName, key: key(accountId) }),
    fromItem: accountFromItem,

    async get(accountId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: key(accountId), ConsistentRead: true }),
      );
      return accountFromItem(Item);
    },

    async create(account) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key(account.accountId), type: 'account', rememberDeviceDays: 0, ...account },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async setMfaSetting(accountId, { enabled, rememberDeviceDays, by, at, sessionsValidAfter, keptSession }) {
      const fields = { mfaEnabled: enabled, rememberDeviceDays, updatedAt: at.toISOString(), updatedBy: by };
      if (enabled === true) {
        const turnedOn = await update(
          accountId,
          fields,
          'attribute_exists(pk) AND (attribute_not_exists(mfaEnabled) OR mfaEnabled = :off)',
          // A kept session of an earlier switch-on is overwritten (by '' when this admin's has no id).
          { mfaSessionsValidAfter: sessionsValidAfter, mfaKeptSession: keptSession ?? '' },
        );
        if (turnedOn) return { account: turnedOn, turnedOn: true };
      }
      const updated = await update(accountId, fields, 'attribute_exists(pk)');
      return updated ? { account: updated, turnedOn: false } : undefined;
    },

    async addActiveAdmin(accountId, userId) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(accountId),
          UpdateExpression: 'ADD activeAdminIds :ids',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':ids': new Set([userId]) },
        }),
      );
    },

    async removeActiveAdmin(accountId, userId) {
      const removed = await ifConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(accountId),
            UpdateExpression: 'DELETE activeAdminIds :ids',
            ConditionExpression: 'contains(activeAdminIds, :id) AND size(activeAdminIds) > :one',
            ExpressionAttributeValues: { ':ids': new Set([userId]), ':id': userId, ':one': 1 },
          }),
        ),
      );
      if (removed) return 'removed';
      // Refused: say why from a consistent read (the set only ever holds active admins).
      return (await activeAdmins(accountId)).includes(userId) ? 'last-admin' : 'not-listed';
    },

    activeAdmins,
  };
}
