import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QuotaRule } from '../domain/quotas';
import { codeStateKeys } from '../domain/user-factors';
import { quotaKey } from './quota-store';

/**
 * A user's code state in the codes table, as an admin clears it: the consecutive-failure lock
 * (`FAILURES#<userId>`, see failure-counter.ts) and the per-destination limits on sign-in codes sent to
 * the user's phone and email (the `sign-in-sends` quota, see quota-store.ts). The key
 * formats are those stores' own; integration tests set a real lock and real limits and see them cleared.
 */
export interface CodeState {
  /** Lifts the lock and forgets the failure streak (an admin's unlock). */
  unlock(userId: string): Promise<void>;
  /** The lock, the streak and the sign-in send limits of these destinations (an admin's MFA reset). */
  clear(userId: string, destinations: readonly string[]): Promise<void>;
}

export function dynamoCodeState(
  client: DynamoDBDocumentClient,
  tableName: string,
  signInQuota: QuotaRule,
): CodeState {
  const failures = (userId: string) => `FAILURES#${userId}`;
  const remove = (keys: readonly string[]) =>
    Promise.all(keys.map((pk) => client.send(new DeleteCommand({ TableName: tableName, Key: { pk } }))));
  return {
    async unlock(userId) {
      await remove([failures(userId)]);
    },
    async clear(userId, destinations) {
      await remove(
        codeStateKeys(userId, destinations, {
          failures,
          sendLimits: [(destination) => quotaKey(signInQuota, destination).pk],
        }),
      );
    },
  };
}
