import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deployedStackEnv, localStackEnv } from './stack-env';

/**
 * npm run index-accounts [-- --stack <name>]
 *
 * Lists every user of the pool under their account (the settings table's account index) and puts every
 * active admin into their account's set of active admins: what registration records since the account
 * lifecycle (issue 9). Run it once after upgrading a stack whose users registered before; it is safe to
 * run again. Without --stack it works on the local stack running from this folder on PORT; with --stack,
 * on that deployed stack (AWS credentials that may call cognito-idp:ListUsers and write the settings table).
 * Prints {"users","admins","skipped"} as JSON.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stack: { type: 'string' } }, strict: true });
  const env = values.stack
    ? await deployedStackEnv(values.stack)
    : localStackEnv(resolve(__dirname, '..'), process.env.PORT || '3000');
  Object.assign(process.env, env, { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' });

  const { ListUsersCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const { cognitoClient } = await import('../lambdas/adapters/clients/cognito');
  const { profileFromAttributes } = await import('../lambdas/adapters/identity');
  const { allDeps } = await import('../lambdas/wiring/all');
  const { config } = await import('../lambdas/config');
  const deps = allDeps(config());

  const counts = { users: 0, admins: 0, skipped: 0 };
  let token: string | undefined;
  do {
    const page = await cognitoClient().send(
      new ListUsersCommand({ UserPoolId: deps.config.USER_POOL_ID, PaginationToken: token, Limit: 60 }),
    );
    for (const user of page.Users ?? []) {
      const profile = profileFromAttributes(user.Username ?? '', user.Attributes ?? []);
      if (!profile.accountId || !profile.email || !(await deps.accounts.get(profile.accountId))) {
        counts.skipped += 1;
        continue;
      }
      const created = user.UserCreateDate instanceof Date ? user.UserCreateDate : new Date();
      await deps.users.index({
        userId: profile.userId,
        accountId: profile.accountId,
        email: profile.email,
        createdAt: Math.floor(created.getTime() / 1000),
      });
      counts.users += 1;
      const record = await deps.users.get(profile.userId);
      if (profile.role === 'admin' && record.status === 'active') {
        await deps.accounts.addActiveAdmin(profile.accountId, profile.userId);
        counts.admins += 1;
      }
    }
    token = page.PaginationToken;
  } while (token);
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`index-accounts: ${(error as Error).message}\n`);
  process.exit(1);
});
