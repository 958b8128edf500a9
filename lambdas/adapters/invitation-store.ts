import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type InvitationStatus, invitationStatus } from '../domain/invitation';
import { hashId } from '../domain/secrets';
import { accountIndexFields, accountPartition, type IndexPage, queryAccountIndex } from './account-index';
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
  /** The language the invitation email was written in (a resend uses it again). */
  readonly locale?: string;
  /** Revoked by an admin, a resend or a newer invitation to the same address: its link answers 410. */
  readonly revokedAt?: number;
}

export type Revocation = 'revoked' | 'already-revoked' | 'used' | 'in-use' | 'missing';

export interface InvitationStore {
  create(invitation: Invitation): Promise<void>;
  get(key: string): Promise<Invitation | undefined>;
  claim(key: string, claimId: string, now: number, staleAfterSeconds: number): Promise<boolean>;
  release(key: string, claimId: string): Promise<void>;
  markUsed(key: string, claimId: string, userId: string, now: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** An invitation by its public id (an admin's handle on it), through a pointer item. */
  findById(invitationId: string): Promise<Invitation | undefined>;
  /** Removes an invitation that never went out (its email failed), with its pointer. */
  discard(invitation: Invitation): Promise<void>;
  /**
   * Revokes an unused invitation (one conditional write; a registration holding a fresh claim on it wins,
   * and then it is `in-use`).
   */
  revoke(key: string, now: number, staleClaimSeconds: number): Promise<Revocation>;
  /**
   * Makes `invitation` the pending invitation of its address in its account, and returns the key of the
   * one it replaces (if any), which the caller revokes. Racing invitations to one address leave one pending.
   */
  replacePending(invitation: Invitation): Promise<string | undefined>;
  /** The account's invitations, newest first, optionally of one status, a page at a time. */
  listByAccount(
    accountId: string,
    page: { limit: number; cursor?: string; status?: InvitationStatus; now: number },
  ): Promise<{ invitations: Invitation[]; nextCursor: string | null }>;
}

/**
 * Pointers outlive their invitation by this much (an invitation item itself is cleaned up by the table's
 * TTL once it expires, whatever its state).
 */
const INVITATION_MEMORY_SECONDS = 2 * 24 * 3600;

const pk = (key: string) => ({ pk: `INVITE#${key}` });
const idPointer = (invitationId: string) => ({ pk: `INVITATION#${invitationId}` });
const addressPointer = (accountId: string, email: string) => ({
  pk: `INVITEE#${accountId}#${hashId(email.trim().toLowerCase())}`,
});

/** The filter of each status, as `invitationStatus` decides it (the claim of a registration is still pending). */
const STATUS_FILTERS: Record<InvitationStatus, string> = {
  used: 'attribute_exists(usedAt)',
  revoked: 'attribute_not_exists(usedAt) AND attribute_exists(revokedAt)',
  expired: 'attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND expiresAt <= :now',
  pending: 'attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND expiresAt > :now',
};

const PUBLIC_FIELDS = [
  'key',
  'invitationId',
  'accountId',
  'email',
  'role',
  'mfaRequired',
  'invitedBy',
  'createdAt',
  'expiresAt',
  'usedAt',
  'userId',
  'locale',
  'revokedAt',
] as const;

const toInvitation = (item: Record<string, unknown>): Invitation =>
  Object.fromEntries(
    PUBLIC_FIELDS.filter((field) => item[field] !== undefined).map((field) => [field, item[field]]),
  ) as unknown as Invitation;

export function dynamoInvitationStore(client: DynamoDBDocumentClient, tableName: string): InvitationStore {
  const conditional = async (write: () => Promise<unknown>): Promise<boolean> =>
    (await ifConditionHolds(write)) !== undefined;

  return {
    async create(invitation) {
      // The pointer first: one without its invitation is harmless (it leads to a 404).
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...idPointer(invitation.invitationId),
            type: 'invitation-id',
            key: invitation.key,
            accountId: invitation.accountId,
            expiresAt: invitation.expiresAt + INVITATION_MEMORY_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...pk(invitation.key),
            type: 'invitation',
            ...invitation,
            ...accountIndexFields(invitation.accountId, 'INVITATIONS', invitation.invitationId),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async get(key) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: pk(key), ConsistentRead: true }),
      );
      return Item ? toInvitation(Item) : undefined;
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
              'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt)' +
              ' AND expiresAt > :now' +
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

    async findById(invitationId) {
      const { Item: pointer } = await client.send(
        new GetCommand({ TableName: tableName, Key: idPointer(invitationId), ConsistentRead: true }),
      );
      if (typeof pointer?.key !== 'string') return undefined;
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: pk(pointer.key), ConsistentRead: true }),
      );
      return Item?.invitationId === invitationId ? toInvitation(Item) : undefined;
    },

    async discard(invitation) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: pk(invitation.key) }));
      await client.send(new DeleteCommand({ TableName: tableName, Key: idPointer(invitation.invitationId) }));
    },

    async revoke(key, now, staleClaimSeconds) {
      const done = await conditional(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pk(key),
            UpdateExpression: 'SET revokedAt = :now',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt)' +
              ' AND (attribute_not_exists(claimedAt) OR claimedAt < :stale)',
            ExpressionAttributeValues: { ':now': now, ':stale': now - staleClaimSeconds },
          }),
        ),
      );
      if (done) return 'revoked';
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: pk(key), ConsistentRead: true }),
      );
      if (!Item) return 'missing';
      if (Item.usedAt !== undefined) return 'used';
      if (Item.revokedAt !== undefined) return 'already-revoked';
      return 'in-use';
    },

    async replacePending(invitation) {
      const { Attributes } = await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...addressPointer(invitation.accountId, invitation.email),
            type: 'invitee',
            key: invitation.key,
            expiresAt: invitation.expiresAt + INVITATION_MEMORY_SECONDS,
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const previous = Attributes?.key;
      return typeof previous === 'string' && previous !== invitation.key ? previous : undefined;
    },

    async listByAccount(accountId, page) {
      const result: IndexPage = await queryAccountIndex(
        client,
        tableName,
        accountPartition(accountId, 'INVITATIONS'),
        {
          limit: page.limit,
          cursor: page.cursor,
          newestFirst: true,
          filter: page.status
            ? {
                expression: STATUS_FILTERS[page.status],
                values: page.status === 'expired' || page.status === 'pending' ? { ':now': page.now } : {},
              }
            : undefined,
        },
      );
      const invitations = result.items.map(toInvitation);
      // The filter ran on the index's copy; the status shown is decided the same way, in code.
      return {
        invitations: page.status
          ? invitations.filter((i) => invitationStatus(i, page.now) === page.status)
          : invitations,
        nextCursor: result.nextCursor,
      };
    },
  };
}
