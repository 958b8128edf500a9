import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ifConditionHolds } from './dynamo-errors';
import type { ItemRef } from './item-reader';

/** An account (tenant) and its MFA setting, as kept in the settings table under `ACCOUNT#<id>`. */
export interface Account {
  readonly accountId: string;
  readonly name: string;
  readonly mfaEnabled: boolean;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface AccountStore {
  /** Where the item lives, for reads batched with other items. */
  ref(accountId: string): ItemRef;
  fromItem(item: Record<string, unknown> | undefined): Account | undefined;
  get(accountId: string): Promise<Account | undefined>;
  create(account: Account): Promise<void>;
  setMfa(accountId: string, enabled: boolean, by: string, at: Date): Promise<Account | undefined>;
}

const key = (accountId: string) => ({ pk: `ACCOUNT#${accountId}` });

export function accountFromItem(item: Record<string, unknown> | undefined): Account | undefined {
  if (!item) return undefined;
  return {
    accountId: String(item.accountId),
    name: String(item.name),
    mfaEnabled: item.mfaEnabled === true,
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
  };
}
