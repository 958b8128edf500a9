import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ifConditionHolds } from './dynamo-errors';

/** An account (tenant) and its MFA setting, as kept in the settings table under `ACCOUNT#<id>`. */
export interface Account {
  readonly accountId: string;
  readonly name: string;
  readonly mfaEnabled: boolean;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /**
   * Epoch seconds from which sessions of users without their own MFA flag must have begun: set when MFA
   * is turned on, so nobody keeps a session that began without a code (see domain/session-validity.ts).
   */
  readonly mfaSessionsValidAfter?: number;
}

/** What removing a user from the account's active admins came to. */
export type AdminRemoval = 'removed' | 'not-listed' | 'last-admin';

export interface AccountStore {
  get(accountId: string): Promise<Account | undefined>;
  create(account: Account): Promise<void>;
  setMfa(accountId: string, enabled: boolean, by: string, at: Date): Promise<Account | undefined>;
  /**
   * Sets the MFA switch; turning it on (from off) also stamps `mfaSessionsValidAfter` in the same write.
   * `turnedOn` says whether this call was the one that turned it on.
   */
  setMfaSetting(
    accountId: string,
    change: { enabled: boolean; by: string; at: Date; sessionsValidAfter: number },
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

const toAccount = (item: Record<string, unknown>): Account => ({
  accountId: item.accountId as string,
  name: item.name as string,
  mfaEnabled: item.mfaEnabled === true,
  updatedAt: item.updatedAt as string,
  updatedBy: item.updatedBy as string,
  ...(typeof item.mfaSessionsValidAfter === 'number'
    ? { mfaSessionsValidAfter: item.mfaSessionsValidAfter }
    : {}),
});

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
  return {
    async get(accountId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: key(accountId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return toAccount(Item);
    },
    async create(account) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key(account.accountId), type: 'account', ...account },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
    async setMfa(accountId, enabled, by, at) {
      const updated = await ifConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(accountId),
            UpdateExpression: 'SET mfaEnabled = :enabled, updatedAt = :at, updatedBy = :by',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':enabled': enabled, ':at': at.toISOString(), ':by': by },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return updated?.Attributes as Account | undefined;
    },

    async setMfaSetting(accountId, { enabled, by, at, sessionsValidAfter }) {
      const values = { ':enabled': enabled, ':at': at.toISOString(), ':by': by };
      if (enabled) {
        const turnedOn = await ifConditionHolds(() =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: key(accountId),
              UpdateExpression:
                'SET mfaEnabled = :enabled, updatedAt = :at, updatedBy = :by, mfaSessionsValidAfter = :stamp',
              ConditionExpression:
                'attribute_exists(pk) AND (attribute_not_exists(mfaEnabled) OR mfaEnabled = :off)',
              ExpressionAttributeValues: { ...values, ':stamp': sessionsValidAfter, ':off': false },
              ReturnValues: 'ALL_NEW',
            }),
          ),
        );
        if (turnedOn?.Attributes) return { account: toAccount(turnedOn.Attributes), turnedOn: true };
      }
      const updated = await ifConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(accountId),
            UpdateExpression: 'SET mfaEnabled = :enabled, updatedAt = :at, updatedBy = :by',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return updated?.Attributes ? { account: toAccount(updated.Attributes), turnedOn: false } : undefined;
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
