import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The append-only audit trail of MFA lifecycle events (NIST 800-63B-4 §4.1), one partition per account,
 * newest first by sort key. Events are only ever put, never updated or deleted (the stack's IAM policy
 * allows PutItem alone), and hold masked values only: never a code, a token or a full number.
 */
export type AuditEventType =
  | 'mfa.setting.changed'
  | 'invitation.sent'
  | 'invitation.used'
  | 'user.registered'
  | 'mfa.phone.changed'
  | 'mfa.user.locked'
  | 'mfa.totp.enabled'
  | 'mfa.totp.removed'
  | 'mfa.recovery_codes.generated'
  | 'mfa.recovery_code.used'
  | 'mfa.preferred.changed'
  | 'mfa.device.remembered'
  | 'mfa.device.used'
  | 'mfa.device.forgotten';

export interface AuditEvent {
  readonly type: AuditEventType;
  readonly accountId: string;
  /** Who did it: an email, `operator` (create-account) or `system` (a lock). */
  readonly actor: string;
  readonly at: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly details: Readonly<Record<string, string | number | boolean>>;
}

export interface AuditPage {
  readonly events: AuditEvent[];
  readonly nextCursor: string | null;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  list(accountId: string, page: { limit: number; cursor?: string }): Promise<AuditPage>;
}

/** A cursor that does not decode to a sort key of this log. */
export class BadCursorError extends Error {}

const encodeCursor = (sk: string) => Buffer.from(JSON.stringify({ sk }), 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  try {
    const { sk } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { sk?: unknown };
    if (typeof sk === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z#[\w-]{36}$/.test(sk)) return sk;
  } catch {
    // fall through
  }
  throw new BadCursorError('not a cursor of this log');
}

export function dynamoAuditLog(client: DynamoDBDocumentClient, tableName: string): AuditLog {
  const pk = (accountId: string) => `ACCOUNT#${accountId}`;
  return {
    async record(event) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: pk(event.accountId), sk: `${event.at}#${randomUUID()}`, ...event },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async list(accountId, page) {
      const { Items, LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk(accountId) },
          ScanIndexForward: false,
          Limit: page.limit,
          ExclusiveStartKey: page.cursor ? { pk: pk(accountId), sk: decodeCursor(page.cursor) } : undefined,
        }),
      );
      return {
        events: (Items ?? []).map(
          ({ type, accountId: account, actor, at, sourceIp, userAgent, details }) => ({
            type,
            accountId: account,
            actor,
            at,
            sourceIp,
            userAgent,
            details,
          }),
        ),
        nextCursor: LastEvaluatedKey ? encodeCursor(String(LastEvaluatedKey.sk)) : null,
      };
    },
  };
}
