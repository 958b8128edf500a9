/**
 * npx tsx scripts/count-aws-calls.ts [--check docs/cost-model.md] [--dynamo js|java] [--log-level ERROR]
 *
 * Counts the AWS calls that each step of a sign-in makes, end to end over HTTP against the local stack
 * started in this process (stand-ins, seed, gateway), so that docs/cost-model.md stays true:
 *
 *   login-mfa-off   POST /v1/auth/login while the account's MFA is off (the answer carries the tokens)
 *   enable-mfa      PUT  /v1/accounts/{accountId}/settings/mfa {"enabled":true}
 *   login-mfa-on    POST /v1/auth/login again: a challenge and an email code (the seeded admin has no phone)
 *   resend          POST /v1/auth/mfa/resend (the cooldown is set to 0 for the run)
 *   verify          POST /v1/auth/mfa/verify with the newest code from the outbox
 *
 * stdout: the table {step: {"Service.Operation": count}} as JSON. stderr: what DynamoDB measured along the
 * way (request units per step as the engine reports them with ReturnConsumedCapacity, item sizes), which
 * the document uses but does not check. With --check <file>, compares the table with the JSON block between
 * `<!-- aws-calls:begin -->` and `<!-- aws-calls:end -->` in that file and exits 1 naming every difference.
 * Always: exits 1 when a step makes more calls than its budget (`CALL_BUDGETS`).
 *
 * In the local stack the key material comes from MFA_LOCAL_SECRET, so Secrets Manager's GetSecretValue
 * (once per Lambda cold start in AWS) never shows here; the cost model adds it per cold start.
 */

// Before any lambda module is loaded (they read these once): record every SDK call, keep the logs quiet.
import { exitWithUsageOnHelp, quietSdkNotices } from './cli';

if (require.main === module)
  exitWithUsageOnHelp(`
usage: npm run cost-model [-- --dynamo js|java] [--log-level ERROR]
       npm run cost-model:check        (the same, compared with docs/cost-model.md)

Counts the AWS calls of each sign-in step (login with MFA off, turning MFA on, login with MFA on, resend,
verify) over HTTP against a local stack started in this process; prints {step: {"Service.Operation": n}}
as JSON on stdout and what DynamoDB measured on stderr.

  --check <file>        compare with the aws-calls block of <file>; exit 1 naming every difference
  --dynamo js|java      the DynamoDB stand-in (default js)
  --log-level <level>   let the handlers log at this level (to see why a step failed)
  -h, --help            this text
`);
quietSdkNotices();
process.env.MFA_RECORD_AWS_CALLS = '1';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.MFA_RESEND_COOLDOWN_SECONDS = '0';

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Gateway } from '../local/gateway';
import type { StandIns } from '../local/standins';

export type CallTable = Record<string, Record<string, number>>;

/** A problem with the arguments or the document, reported without a stack trace. */
class UsageError extends Error {}

const BLOCK = /<!-- aws-calls:begin -->\s*```json\s*([\s\S]*?)```\s*<!-- aws-calls:end -->/;

/**
 * The call budgets of the sign-in path (issue 8): DynamoDB calls per step, and one Cognito call at
 * login (the user's attributes come from the id token the password step returns).
 */
export const CALL_BUDGETS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'login-mfa-on': { DynamoDB: 4, Cognito: 1 },
  verify: { DynamoDB: 3 },
  resend: { DynamoDB: 3 },
};

/** Every step that makes more calls to a service than its budget allows, one line each. */
export function overBudget(measured: CallTable): string[] {
  const problems: string[] = [];
  for (const [step, budget] of Object.entries(CALL_BUDGETS)) {
    for (const [service, max] of Object.entries(budget)) {
      const calls = Object.entries(measured[step] ?? {})
        .filter(([call]) => call.startsWith(`${service}.`))
        .reduce((sum, [, count]) => sum + count, 0);
      if (calls > max) problems.push(`step "${step}": ${calls} ${service} calls, the budget is ${max}`);
    }
  }
  return problems;
}

/** Every difference between the documented table and the measured one, one line each. */
export function compareTables(documented: CallTable, measured: CallTable): string[] {
  const differences: string[] = [];
  for (const step of new Set([...Object.keys(documented), ...Object.keys(measured)])) {
    const doc = documented[step];
    const got = measured[step];
    if (!doc) {
      differences.push(`step "${step}" was measured but is not in the document`);
      continue;
    }
    if (!got) {
      differences.push(`step "${step}" is in the document but was not measured`);
      continue;
    }
    for (const call of [...new Set([...Object.keys(doc), ...Object.keys(got)])].sort()) {
      if (doc[call] !== got[call]) {
        differences.push(
          `step "${step}": ${call}: document says ${doc[call] ?? 0}, measured ${got[call] ?? 0}`,
        );
      }
    }
  }
  return differences;
}

/** The table documented in `file` (the fenced json block between the aws-calls markers). */
export function documentedTable(file: string): CallTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const match = BLOCK.exec(text);
  if (!match)
    throw new UsageError(`${file} has no \`\`\`json block between <!-- aws-calls:begin/end --> markers`);
  try {
    return JSON.parse(match[1]!) as CallTable;
  } catch (error) {
    throw new UsageError(`the aws-calls block of ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Bytes an item counts for in DynamoDB (attribute names plus values, AWS's sizing rules). */
export function itemBytes(item: Record<string, AttributeValue>): number {
  const size = (value: AttributeValue): number => {
    if (value.S !== undefined) return Buffer.byteLength(value.S, 'utf8');
    if (value.N !== undefined) {
      const digits = value.N.replace(/^[-+]?0*/, '')
        .replace('.', '')
        .replace(/0+$/, '').length;
      return 1 + Math.ceil(Math.max(digits, 1) / 2);
    }
    if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
    if (value.B !== undefined) return value.B.length;
    if (value.SS !== undefined) return value.SS.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
    if (value.L !== undefined) return 3 + value.L.reduce((n, v) => n + 1 + size(v), 0);
    if (value.M !== undefined) return 3 + Object.keys(value.M).length + itemBytes(value.M);
    return 0;
  };
  return Object.entries(item).reduce(
    (n, [name, value]) => n + Buffer.byteLength(name, 'utf8') + size(value),
    0,
  );
}

const tally = (calls: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const call of [...calls].sort()) counts[call] = (counts[call] ?? 0) + 1;
  return counts;
};

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan']);
const stdoutWrite = process.stdout.write.bind(process.stdout);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'string' },
      dynamo: { type: 'string', default: 'js' },
      // To see why a step failed: ERROR lets the handlers log their errors (to stderr).
      'log-level': { type: 'string' },
    },
    strict: true,
  });
  const engine = values.dynamo;
  if (engine !== 'js' && engine !== 'java') throw new UsageError('--dynamo must be js or java');
  if (values['log-level']) process.env.POWERTOOLS_LOG_LEVEL = values['log-level'];
  // Read the document first: a missing file or block fails before the stack starts.
  const documented = values.check ? documentedTable(resolve(values.check)) : undefined;
  const note = (line: string) => process.stderr.write(`${line}\n`);

  const { startStandIns } = await import('../local/standins');
  const { seed, localClients } = await import('../local/seed');
  const { startGateway } = await import('../local/gateway');

  let standIns: StandIns | undefined;
  let gateway: Gateway | undefined;
  let destroyClients = () => {};
  try {
    standIns = await startStandIns({ dynamo: engine, log: () => {} });
    const env = standIns.env;
    Object.assign(process.env, env);
    // The seeded admin from the defaults (no phone: codes go by email), whatever this shell has set.
    const demo = await seed(env, {});

    const { documentClient } = await import('../lambdas/adapters/clients/dynamo');
    const { recordedAwsCalls } = await import('../lambdas/adapters/clients/record');
    const otherClients = [
      (await import('../lambdas/adapters/clients/cognito')).cognitoClient,
      (await import('../lambdas/adapters/clients/ses')).sesClient,
      (await import('../lambdas/adapters/clients/sns')).snsClient,
      (await import('../lambdas/adapters/clients/secrets')).secretsClient,
    ];
    const dynamo = documentClient();
    // Ask DynamoDB for the request units of every call the handlers make (the engine computes them).
    const units = { read: 0, write: 0 };
    type Next = (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;
    (dynamo.middlewareStack as unknown as { add: (m: unknown, o: unknown) => void }).add(
      (next: Next, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
        const result = await next({ ...args, input: { ...args.input, ReturnConsumedCapacity: 'TOTAL' } });
        // One record for single-item calls, one per table for batches.
        const capacity = result.output.ConsumedCapacity as
          | { CapacityUnits?: number }
          | { CapacityUnits?: number }[]
          | undefined;
        const consumed = [capacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
        const operation = (context.commandName ?? '').replace(/Command$/, '');
        if (READS.has(operation)) units.read += consumed ?? 0;
        else units.write += consumed ?? 0;
        return result;
      },
      { step: 'initialize', name: 'countConsumedCapacity' },
    );
    destroyClients = () => {
      for (const make of [documentClient, ...otherClients]) make().destroy();
    };

    gateway = await startGateway({
      port: 0,
      issuer: env.COGNITO_ISSUER!,
      jwksUrl: env.COGNITO_JWKS_URL!,
      audience: env.USER_POOL_CLIENT_ID!,
      outbox: standIns.outbox,
      log: () => {},
    });

    const table: CallTable = {};
    const measured: Record<string, { RRU: number; WRU: number; logBytes: number }> = {};
    // What the handlers print goes to the function's log in Lambda (EMF metric records; the app's own
    // lines are silenced here): counted per step and kept off this script's stdout.
    let logBytes = 0;
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
    const step = async (
      name: string,
      method: string,
      path: string,
      body: unknown,
      expectStatus: number,
      token?: string,
    ) => {
      recordedAwsCalls.length = 0;
      units.read = 0;
      units.write = 0;
      logBytes = 0;
      const response = await fetch(`${gateway!.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (response.status !== expectStatus) {
        const hint =
          process.env.POWERTOOLS_LOG_LEVEL === 'SILENT'
            ? ' (rerun with --log-level ERROR: the handlers log their errors to stderr)'
            : '';
        throw new UsageError(
          `${name}: ${method} ${path} answered ${response.status} ${JSON.stringify(json)}${hint}`,
        );
      }
      table[name] = tally(recordedAwsCalls);
      measured[name] = { RRU: units.read, WRU: units.write, logBytes };
      return json;
    };

    const credentials = { email: demo.admin.email, password: demo.admin.password };
    const first = await step('login-mfa-off', 'POST', '/v1/auth/login', credentials, 200);
    if (first.status !== 'AUTHENTICATED')
      throw new Error(`login-mfa-off: expected AUTHENTICATED, got ${first.status}`);
    const idToken = (first.tokens as { idToken: string }).idToken;
    await step(
      'enable-mfa',
      'PUT',
      `/v1/accounts/${demo.accountId}/settings/mfa`,
      { enabled: true },
      200,
      idToken,
    );
    const challenged = await step('login-mfa-on', 'POST', '/v1/auth/login', credentials, 200);
    if (challenged.status !== 'MFA_REQUIRED' || challenged.channel !== 'email') {
      throw new Error(`login-mfa-on: expected an email challenge, got ${JSON.stringify(challenged)}`);
    }

    // Item sizes while the challenge holds its sealed tokens, from a client that is not counted.
    const sizes: Record<string, number> = {};
    const local = localClients(env);
    try {
      for (const tableName of [env.SETTINGS_TABLE_NAME!, env.CODES_TABLE_NAME!]) {
        const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
        const { Items = [] } = await local.documentClient.send(new ScanCommand({ TableName: tableName }));
        for (const item of Items) {
          const kind = (item.pk?.S ?? '?').split('#')[0]!;
          sizes[kind] = Math.max(sizes[kind] ?? 0, itemBytes(item));
        }
      }
    } finally {
      local.destroy();
    }

    const session = challenged.session as string;
    await step('resend', 'POST', '/v1/auth/mfa/resend', { session }, 200);
    const messages = await standIns.outbox(demo.admin.email);
    const code = /\b(\d{6,10})\b/.exec(messages.at(-1)?.body ?? '')?.[1];
    if (!code) throw new Error('resend: no code in the newest email to the admin');
    const verified = await step('verify', 'POST', '/v1/auth/mfa/verify', { session, code }, 200);
    if (verified.status !== 'AUTHENTICATED')
      throw new Error(`verify: expected AUTHENTICATED, got ${verified.status}`);

    stdoutWrite(`${JSON.stringify(table, null, 2)}\n`);
    note(`DynamoDB engine: ${standIns.dynamoEngine}`);
    note('Per step: DynamoDB request units as the engine reported them, bytes the handlers printed:');
    for (const [name, m] of Object.entries(measured)) note(`  ${name}: ${JSON.stringify(m)}`);
    note(`Largest item per key prefix after login-mfa-on, bytes: ${JSON.stringify(sizes)}`);

    const problems = overBudget(table);
    if (problems.length) {
      note(`Over the call budgets (${problems.length}):`);
      for (const p of problems) note(`  - ${p}`);
      return 1;
    }
    if (documented) {
      const differences = compareTables(documented, table);
      if (differences.length) {
        note(`${values.check} is out of date (${differences.length} difference(s)):`);
        for (const d of differences) note(`  - ${d}`);
        return 1;
      }
      note(`${values.check}: the documented calls match the measured ones.`);
    }
    return 0;
  } finally {
    process.stdout.write = stdoutWrite;
    destroyClients();
    await gateway?.close();
    await standIns?.stop();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const shown = error instanceof UsageError ? error.message : ((error as Error)?.stack ?? String(error));
      process.stderr.write(`count-aws-calls: ${shown}\n`);
      process.exit(1);
    },
  );
}
