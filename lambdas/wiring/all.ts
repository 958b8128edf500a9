import type { Config } from '../config';
import type { Deps } from '../services/deps';
import { identity } from './cognito';
import { accounts, audit, challenges, factors, failures, invitations, items, quotas, users } from './dynamo';
import { keys } from './keys';
import { email, sms } from './senders';

/**
 * Every part at once, for operator commands, the local seed and the tests. Never imported by a
 * handler: a route wires only what it uses (a test reads the bundles to hold that).
 */
export function allDeps(cfg: Config): Deps {
  return {
    config: cfg,
    now: () => new Date(),
    keys: keys(cfg),
    items: items(),
    accounts: accounts(cfg),
    invitations: invitations(cfg),
    audit: audit(cfg),
    challenges: challenges(cfg),
    failures: failures(cfg),
    quotas: quotas(cfg),
    users: users(cfg),
    factors: factors(cfg),
    identity: identity(cfg),
    sms: sms(cfg),
    email: email(cfg),
  };
}
