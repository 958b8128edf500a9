import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where one item lives: a store names its own items this way so that reads can be batched. */
export interface ItemRef {
  readonly tableName: string;
  readonly key: Readonly<Record<string, string>>;
}

/**
 * Reads several items of several tables in one strongly consistent BatchGetItem (one call, one round
 * trip): what the sign-in steps need to know about a user, their account, their lock and their quotas.
 */
export interface ItemReader {
  /** The items in the order asked (undefined where absent). */
  read(refs: readonly ItemRef[]): Promise<(Record<string, unknown> | undefined)[]>;
}

const id = (ref: ItemRef) => `${ref.tableName}\u0000${JSON.stringify(ref.key)}`;

export function dynamoItemReader(client: DynamoDBDocumentClient): ItemReader {
  return {
    async read(refs) {
      const found = new Map<string, Record<string, unknown>>();
      let pending: Record<string, { Keys: Record<string, string>[]; ConsistentRead: true }> = {};
      for (const ref of new Map(refs.map((r) => [id(r), r])).values()) {
        pending[ref.tableName] ??= { Keys: [], ConsistentRead: true };
        pending[ref.tableName]!.Keys.push({ ...ref.key });
      }
      for (let round = 0; Object.keys(pending).length > 0; round++) {
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(200, 20 * 2 ** round)));
        if (round > 8) throw new Error('BatchGetItem kept leaving keys unprocessed');
        const { Responses, UnprocessedKeys } = await client.send(
          new BatchGetCommand({ RequestItems: pending }),
        );
        for (const [tableName, items] of Object.entries(Responses ?? {})) {
          for (const item of items) found.set(id({ tableName, key: { pk: String(item.pk) } }), item);
        }
        pending = (UnprocessedKeys ?? {}) as typeof pending;
      }
      return refs.map((ref) => found.get(id(ref)));
    },
  };
}
