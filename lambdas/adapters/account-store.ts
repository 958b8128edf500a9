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
}

export interface AccountStore {
  /** Where the item lives, for reads batched with other items. */
  ref(accountId: string): ItemRef;
  fromItem(item: Record<string, unknown> | undefined): Account | undefined;
  get(accountId: string): Promise<Account | undefined>;
  create(account: Omit<Account, 'rememberDeviceDays'> & { rememberDeviceDays?: number }): Promise<void>;
  setMfa(
    accountId: string,
    change: { enabled?: boolean; rememberDeviceDays?: number },
    by: string,
    at: Date,
  ): Promise<Account | undefined>;
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
  };
}

export function dynamoAccountStore(client: DynamoDBDocumentClient, tableName: string): AccountStore {
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
          Item: { ...key(account.accountId), type: 'account', ...account },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
    async setMfa(accountId, change, by, at) {
      // The item's own names: the MFA switch is stored as `mfaEnabled`.
      const sets = Object.entries({
        mfaEnabled: change.enabled,
        rememberDeviceDays: change.rememberDeviceDays,
      }).filter(([, value]) => value !== undefined);
      const updated = await ifConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(accountId),
            UpdateExpression: `SET ${[...sets.map(([name]) => `${name} = :${name}`), 'updatedAt = :at', 'updatedBy = :by'].join(', ')}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: {
              ...Object.fromEntries(sets.map(([name, value]) => [`:${name}`, value])),
              ':at': at.toISOString(),
              ':by': by,
            },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return accountFromItem(updated?.Attributes);
    },
  };
}
