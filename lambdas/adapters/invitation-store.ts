import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ifConditionHolds } from './dynamo-errors';

/**
 * Invitations in the settings table under `INVITE#<hash of the token>`; the token itself is never stored.
 * Registration first claims the invitation (one conditional write, so two racing registrations cannot
 * both proceed), then marks it used once the user exists, or releases the claim if that failed.
 */
export interface Invitation {
  readonly key: string;
  readonly invitationId: string;
  readonly accountId: string;
  readonly email: string;
  readonly role: 'admin' | 'member';
  readonly mfaRequired: boolean;
  readonly invitedBy: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly usedAt?: number;
  readonly userId?: string;
}

export interface InvitationStore {
  create(invitation: Invitation): Promise<void>;
  get(key: string): Promise<Invitation | undefined>;
  claim(key: string, claimId: string, now: number, staleAfterSeconds: number): Promise<boolean>;
  release(key: string, claimId: string): Promise<void>;
  markUsed(key: string, claimId: string, userId: string, now: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}

const pk = (key: string) => ({ pk: `INVITE#${key}` });

export function dynamoInvitationStore(client: DynamoDBDocumentClient, tableName: string): InvitationStore {
  const conditional = async (write: () => Promise<unknown>): Promise<boolean> =>
    (await ifConditionHolds(write)) !== undefined;

  return {
    async create(invitation) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...pk(invitation.key), type: 'invitation', ...invitation },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async get(key) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: pk(key), ConsistentRead: true }),
      );
      return Item as Invitation | undefined;
    },

    claim: (key, claimId, now, staleAfterSeconds) =>
      conditional(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression: 'SET claimId = :claim, claimedAt = :now',
            // A claim left behind by a crashed request expires, so the invitation cannot get stuck.
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now' +
              ' AND (attribute_not_exists(claimedAt) OR claimedAt < :stale)',
            ExpressionAttributeValues: { ':claim': claimId, ':now': now, ':stale': now - staleAfterSeconds },
          }),
        ),
      ),

    async release(key, claimId) {
      await conditional(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression: 'REMOVE claimId, claimedAt',
            ConditionExpression: 'claimId = :claim',
            ExpressionAttributeValues: { ':claim': claimId },
          }),
        ),
      );
    },

    markUsed: (key, claimId, userId, now) =>
      conditional(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression: 'SET usedAt = :now, userId = :user REMOVE claimedAt',
            ConditionExpression: 'claimId = :claim AND attribute_not_exists(usedAt)',
            ExpressionAttributeValues: { ':claim': claimId, ':now': now, ':user': userId },
          }),
        ),
      ),

    async delete(key) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: pk(key) }));
    },
  };
}
