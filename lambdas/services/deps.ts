import type { AccountStore } from '../adapters/account-store';
import type { AuditLog } from '../adapters/audit-log';
import type { ChallengeStore } from '../adapters/challenge-store';
import type { EmailSender } from '../adapters/email-sender';
import type { FactorStore } from '../adapters/factor-store';
import type { FailureCounter } from '../adapters/failure-counter';
import type { IdentityProvider } from '../adapters/identity';
import type { InvitationStore } from '../adapters/invitation-store';
import type { ItemReader } from '../adapters/item-reader';
import type { QuotaStore } from '../adapters/quota-store';
import type { SmsSender } from '../adapters/sms-sender';
import type { UserStore } from '../adapters/user-store';
import type { Config } from '../config';
import type { ServiceKeys } from '../domain/secrets';

/**
 * Everything the use cases touch, behind small interfaces, so tests can swap any part. Types only: each
 * use case asks for the parts it uses (`Needs<...>`), and each handler wires just those (lambdas/wiring),
 * so a route's bundle carries only its own clients.
 */
export interface Deps {
  readonly config: Config;
  readonly now: () => Date;
  readonly keys: () => Promise<ServiceKeys>;
  /** Batched reads across stores (one BatchGetItem). */
  readonly items: ItemReader;
  readonly accounts: AccountStore;
  readonly invitations: InvitationStore;
  readonly audit: AuditLog;
  readonly challenges: ChallengeStore;
  readonly failures: FailureCounter;
  readonly quotas: QuotaStore;
  readonly users: UserStore;
  readonly factors: FactorStore;
  readonly identity: IdentityProvider;
  readonly sms: SmsSender;
  readonly email: EmailSender;
}

/** The configuration and the clock, plus the named parts. */
export type Needs<K extends keyof Deps = never> = Pick<Deps, 'config' | 'now' | K>;
