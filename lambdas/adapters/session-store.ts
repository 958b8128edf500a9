import { BatchGetCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SessionState } from '../domain/session-validity';
import { userRecordFromItem } from './user-store';

/**
 * What decides whether a signed-in session still opens routes, read in one BatchGetItem from the settings
 * table: the user's record (`USER#`: status, sessions valid after, kept session), the account item
 * (`ACCOUNT#`: when MFA was last turned on) and the session's logout mark (`LOGOUT#<session id>`, written
 * by a logout). Consistent reads: a revocation is seen by the next check.
 */
export interface SessionStore {
  state(who: {
    userId: string;
    accountId: string | undefined;
    sessionId: string | undefined;
  }): Promise<SessionState>;
  /** Ends one session (a logout); remembered for as long as a token of it can live. */
  markLoggedOut(
    session: { sessionId: string; userId: string },
    now: number,
    rememberSeconds: number,
  ): Promise<void>;
}

const MAX_READS = 4;

export function dynamoSessionStore(client: DynamoDBDocumentClient, tableName: string): SessionStore {
  return {
    async state({ userId, accountId, sessionId }) {
      const wanted = [
        { pk: `USER#${userId}` },
        ...(accountId ? [{ pk: `ACCOUNT#${accountId}` }] : []),
        ...(sessionId ? [{ pk: `LOGOUT#${sessionId}` }] : []),
      ];
      const found = new Map<string, Record<string, unknown>>();
      let keys: Record<string, unknown>[] = wanted;
      for (let read = 0; keys.length > 0; read++) {
        if (read === MAX_READS) throw new Error('the session state could not be read (unprocessed keys)');
        if (read > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** read));
        const { Responses, UnprocessedKeys } = await client.send(
          new BatchGetCommand({
            RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } },
          }),
        );
        for (const item of Responses?.[tableName] ?? []) found.set(String(item.pk), item);
        keys = UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
      const user = userRecordFromItem(userId, found.get(`USER#${userId}`));
      const account = accountId ? found.get(`ACCOUNT#${accountId}`) : undefined;
      const stamp = account?.mfaSessionsValidAfter;
      return {
        user: {
          status: user.status,
          sessionsValidAfter: user.sessionsValidAfter,
          keptSession: user.keptSession,
        },
        accountMfaSessionsValidAfter: typeof stamp === 'number' ? stamp : undefined,
        ...(typeof account?.mfaKeptSession === 'string' && account.mfaKeptSession !== ''
          ? { accountMfaKeptSession: account.mfaKeptSession }
          : {}),
        loggedOut: sessionId !== undefined && found.has(`LOGOUT#${sessionId}`),
      };
    },

    async markLoggedOut({ sessionId, userId }, now, rememberSeconds) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: `LOGOUT#${sessionId}`,
            type: 'logout',
            userId,
            at: now,
            expiresAt: now + rememberSeconds,
          },
        }),
      );
    },
  };
}
