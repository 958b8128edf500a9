import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ApiError } from '../lambdas/domain/errors';
import { exitWithUsageOnHelp, quietSdkNotices } from './cli';
import { deployedStackEnv, localStackEnv } from './stack-env';

/**
 * npm run create-account -- --name <name> --admin-email <email> [--locale en|es|it] [--stack <name>]
 *
 * Creates an account (MFA off) and an invitation for its first admin, emails the link, and prints
 * {"accountId","invitationUrl"} as JSON. Without --stack it talks to the local stack running from this
 * folder on PORT (default 3000); with --stack, to that deployed CloudFormation stack (AWS credentials
 * from the usual environment).
 */
const USAGE = `
usage: npm run create-account -- --name <name> --admin-email <email> [--locale en|es|it] [--stack <name>]

Creates an account (MFA off) and an invitation for its first admin, emails the registration link, and
prints {"accountId","invitationUrl"} as JSON on stdout.

  --name <name>          the account's name (1-100 characters)
  --admin-email <email>  who receives the first admin's invitation
  --locale en|es|it      language of the invitation email (default en)
  --stack <name>         a deployed CloudFormation stack (AWS credentials from the environment);
                         without it, the local stack running from this folder on PORT (default 3000)
  -h, --help             this text
`;
quietSdkNotices();
exitWithUsageOnHelp(USAGE);

const argsSchema = z.object({
  name: z
    .string({ error: '--name is required' })
    .trim()
    .min(1, '--name must not be empty')
    .max(100, '--name is at most 100 characters'),
  'admin-email': z.email({ error: '--admin-email must be a valid email address' }),
  locale: z.enum(['en', 'es', 'it'], { error: '--locale must be en, es or it' }).optional(),
  stack: z.string().min(1).optional(),
});

async function main(): Promise<void> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: {
        name: { type: 'string' },
        'admin-email': { type: 'string' },
        locale: { type: 'string' },
        stack: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  }
  const args = parsed.data;
  const env = args.stack
    ? await deployedStackEnv(args.stack)
    : localStackEnv(resolve(__dirname, '..'), process.env.PORT || '3000');
  // stdout carries the JSON answer alone: no log lines, no metric records (they mean nothing from a CLI).
  Object.assign(process.env, env, {
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });

  // Loaded after the environment is in place: the config is read once, on first use.
  const { allDeps } = await import('../lambdas/wiring/all');
  const { config } = await import('../lambdas/config');
  const { createInvitation } = await import('../lambdas/services/onboarding/invitations');
  const services = allDeps(config());
  const accountId = randomUUID();
  await services.accounts.create({
    accountId,
    name: args.name,
    mfaEnabled: false,
    updatedAt: new Date().toISOString(),
    updatedBy: 'create-account',
  });
  const { url } = await createInvitation(services, {
    accountId,
    email: args['admin-email'],
    role: 'admin',
    locale: args.locale,
    invitedBy: 'operator',
    actor: 'operator',
    inviterName: `The ${services.config.PRODUCT_NAME} team`,
  });
  process.stdout.write(`${JSON.stringify({ accountId, invitationUrl: url })}\n`);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  const message = error instanceof ApiError ? `${error.code}: ${error.message}` : (error as Error).message;
  process.stderr.write(`create-account: ${message}\n`);
  if (error instanceof UsageError) process.stderr.write(`${USAGE.trim().split('\n')[0]}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
