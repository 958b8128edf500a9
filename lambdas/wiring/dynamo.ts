import { dynamoAccountStore } from '../adapters/account-store';
import { dynamoAuditLog } from '../adapters/audit-log';
import { dynamoChallengeStore } from '../adapters/challenge-store';
import { documentClient } from '../adapters/clients/dynamo';
import { dynamoFactorStore } from '../adapters/factor-store';
import { dynamoFailureCounter } from '../adapters/failure-counter';
import { dynamoInvitationStore } from '../adapters/invitation-store';
import { dynamoItemReader } from '../adapters/item-reader';
import { dynamoQuotaStore } from '../adapters/quota-store';
import { dynamoUserStore } from '../adapters/user-store';
import { type Config, config } from '../config';

/** The DynamoDB-backed parts, each on the process's one document client. */
export const accounts = (cfg: Config = config()) =>
  dynamoAccountStore(documentClient(), cfg.SETTINGS_TABLE_NAME);
export const invitations = (cfg: Config = config()) =>
  dynamoInvitationStore(documentClient(), cfg.SETTINGS_TABLE_NAME);
export const audit = (cfg: Config = config()) => dynamoAuditLog(documentClient(), cfg.AUDIT_TABLE_NAME);
export const challenges = (cfg: Config = config()) =>
  dynamoChallengeStore(documentClient(), cfg.CODES_TABLE_NAME);
export const failures = (cfg: Config = config()) =>
  dynamoFailureCounter(documentClient(), cfg.CODES_TABLE_NAME, {
    maxConsecutiveFailures: cfg.MFA_MAX_CONSECUTIVE_FAILURES,
    lockSeconds: cfg.MFA_LOCK_SECONDS,
  });
export const quotas = (cfg: Config = config()) => dynamoQuotaStore(documentClient(), cfg.CODES_TABLE_NAME);
export const users = (cfg: Config = config()) => dynamoUserStore(documentClient(), cfg.SETTINGS_TABLE_NAME);
export const items = () => dynamoItemReader(documentClient());
export const factors = (cfg: Config = config()) =>
  dynamoFactorStore(documentClient(), cfg.SETTINGS_TABLE_NAME);
