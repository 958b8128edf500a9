import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The settings table's global secondary index of what belongs to an account: its users (`USER#` items)
 * and its invitations (`INVITE#` items), each in a partition of its own, in creation order. Cognito's
 * ListUsers cannot filter on custom attributes, so this index is how an admin lists the account's people.
 * A GSI is eventually consistent (an item written a moment ago may be missing from a page); nothing that
 * decides a rule reads it.
 */
export const ACCOUNT_INDEX = { name: 'byAccount', pk: 'accountIndexPk', sk: 'accountIndexSk' } as const;

export type AccountPartition = 'USERS' | 'INVITATIONS';

export const accountPartition = (accountId: string, what: AccountPartition): string =>
  `ACCOUNT#${accountId}#${what}`;

/** The index attributes of an item written now (sorted by the write time, in milliseconds) with this id. */
export const accountIndexFields = (
  accountId: string,
  what: AccountPartition,
  id: string,
  writtenAtMs: number = Date.now(),
): Record<string, string> => ({
  [ACCOUNT_INDEX.pk]: accountPartition(accountId, what),
  [ACCOUNT_INDEX.sk]: `${String(writtenAtMs).padStart(15, '0')}#${id}`,
});

/** A cursor that is not one this index handed out for this partition. */
export class BadIndexCursorError extends Error {}

interface IndexKey {
  pk: string;
  [ACCOUNT_INDEX.pk]: string;
  [ACCOUNT_INDEX.sk]: string;
}

const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

function decodeCursor(cursor: string, partition: string): IndexKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const fields = [key.pk, key[ACCOUNT_INDEX.pk], key[ACCOUNT_INDEX.sk]];
    if (
      Object.keys(key).length === 3 &&
      fields.every((f) => typeof f === 'string' && f.length > 0 && f.length < 512) &&
      key[ACCOUNT_INDEX.pk] === partition
    )
      return key as unknown as IndexKey;
  } catch {
    // fall through
  }
  throw new BadIndexCursorError('not a cursor of this list');
}

export interface IndexPage {
  readonly items: Record<string, unknown>[];
  readonly nextCursor: string | null;
}

/**
 * One page of a partition, up to `limit` items that pass `filter` (a DynamoDB filter expression). A
 * filter may leave a query's page short; a few more queries fill it, within a bounded number of reads.
 */
export async function queryAccountIndex(
  client: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  page: {
    limit: number;
    cursor?: string;
    newestFirst: boolean;
    filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
  },
): Promise<IndexPage> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined = page.cursor
    ? { ...decodeCursor(page.cursor, partition) }
    : undefined;
  for (let reads = 0; reads < 5 && items.length < page.limit; reads++) {
    const { Items, LastEvaluatedKey } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: ACCOUNT_INDEX.name,
        KeyConditionExpression: '#ipk = :partition',
        FilterExpression: page.filter?.expression,
        ExpressionAttributeNames: { '#ipk': ACCOUNT_INDEX.pk, ...page.filter?.names },
        ExpressionAttributeValues: { ':partition': partition, ...page.filter?.values },
        ScanIndexForward: !page.newestFirst,
        Limit: page.limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(Items ?? []));
    startKey = LastEvaluatedKey;
    if (!startKey) break;
  }
  return { items, nextCursor: startKey ? encodeCursor(startKey) : null };
}
