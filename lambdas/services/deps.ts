import { type AccountStore, dynamoAccountStore } from '../adapters/account-store';
import { type AuditLog, dynamoAuditLog } from '../adapters/audit-log';
import { cognitoClient, documentClient, secretsClient, sesClient, snsClient } from '../adapters/aws-clients';
import { type ChallengeStore, dynamoChallengeStore } from '../adapters/challenge-store';
import { dynamoFailureCounter, type FailureCounter } from '../adapters/failure-counter';
import { cognitoIdentity, type IdentityProvider } from '../adapters/identity';
import { dynamoInvitationStore, type InvitationStore } from '../adapters/invitation-store';
import { dynamoSendLimiter, type SendLimiter } from '../adapters/send-limiter';
import { awsSender, type MessageSender } from '../adapters/sender';
import { serviceKeysLoader } from '../adapters/service-keys';
import { type Config, config } from '../config';
import type { ServiceKeys } from '../domain/secrets';

/** Everything the MFA use cases touch, behind small interfaces, so tests can swap any part. */
export interface Deps {
  readonly config: Config;
  readonly now: () => Date;
  readonly keys: () => Promise<ServiceKeys>;
  readonly accounts: AccountStore;
  readonly invitations: InvitationStore;
  readonly audit: AuditLog;
  readonly challenges: ChallengeStore;
  readonly failures: FailureCounter;
  readonly sendLimiter: SendLimiter;
  readonly identity: IdentityProvider;
  readonly sender: MessageSender;
}

export function buildDeps(cfg: Config): Deps {
  const db = documentClient();
  return {
    config: cfg,
    now: () => new Date(),
    keys: serviceKeysLoader(
      { secretArn: cfg.MFA_KEYS_SECRET_ARN, localSecret: cfg.MFA_LOCAL_SECRET },
      secretsClient,
    ),
    accounts: dynamoAccountStore(db, cfg.SETTINGS_TABLE_NAME),
    invitations: dynamoInvitationStore(db, cfg.SETTINGS_TABLE_NAME),
    audit: dynamoAuditLog(db, cfg.AUDIT_TABLE_NAME),
    challenges: dynamoChallengeStore(db, cfg.CODES_TABLE_NAME),
    failures: dynamoFailureCounter(db, cfg.CODES_TABLE_NAME, {
      maxConsecutiveFailures: cfg.MFA_MAX_CONSECUTIVE_FAILURES,
      lockSeconds: cfg.MFA_LOCK_SECONDS,
    }),
    sendLimiter: dynamoSendLimiter(db, cfg.CODES_TABLE_NAME, cfg.MFA_MAX_SENDS_PER_DESTINATION_PER_HOUR),
    identity: cognitoIdentity(cognitoClient(), cfg.USER_POOL_ID, cfg.USER_POOL_CLIENT_ID),
    sender: awsSender(snsClient(), sesClient(), {
      fromAddress: cfg.SES_FROM_ADDRESS,
      smsSenderId: cfg.SMS_SENDER_ID,
      configurationSet: cfg.SES_CONFIGURATION_SET,
    }),
  };
}

let shared: Deps | undefined;

/** The process-wide dependencies, built on first use from the validated config. */
export function deps(): Deps {
  shared ??= buildDeps(config());
  return shared;
}
