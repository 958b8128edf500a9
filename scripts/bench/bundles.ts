import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { handlerEntry, routeList } from '../../lambdas/routes';
import { BUNDLING, bundleBudgetBytes } from '../../lib/bundling';

const REPO_ROOT = resolve(__dirname, '../..');

/** What a function's environment holds in AWS (placeholders): the bundles build their clients at load. */
export const FUNCTION_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  SETTINGS_TABLE_NAME: 'bench-settings',
  CODES_TABLE_NAME: 'bench-codes',
  AUDIT_TABLE_NAME: 'bench-audit',
  USER_POOL_ID: 'us-east-1_bench',
  USER_POOL_CLIENT_ID: 'bench',
  SES_FROM_ADDRESS: 'no-reply@example.com',
  APP_BASE_URL: 'https://app.example.com',
  MFA_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  // Node 20 here, Node 22 in Lambda: the SDK's notice about it (printed at client construction) is not
  // part of a Lambda cold start.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Bundles every route as the stack does (lib/bundling.ts) into a temp folder; returns the files. */
export async function bundleRoutes(): Promise<{ dir: string; files: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-bench-bundles-'));
  const files: Record<string, string> = {};
  for (const route of routeList) {
    const outfile = join(dir, `${route.id}.js`);
    await build({
      entryPoints: [resolve(REPO_ROOT, handlerEntry(route))],
      bundle: true,
      outfile,
      logLevel: 'silent',
      ...BUNDLING,
      mainFields: [...BUNDLING.mainFields],
      alias: { ...BUNDLING.alias },
    });
    files[route.id] = outfile;
  }
  return { dir, files };
}

export function bundleSizes(files: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(files).map(([id, file]) => {
      const bytes = statSync(file).size;
      return [
        id,
        {
          kib: Math.round(bytes / 102.4) / 10,
          budgetKib: bundleBudgetBytes(id) / 1024,
          ok: bytes <= bundleBudgetBytes(id),
        },
      ];
    }),
  );
}

/** Median wall time of `runs` fresh `node` processes running `script`, in ms. */
function medianStart(script: string, env: Record<string, string>, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    execFileSync(process.execPath, ['-e', script], {
      env: { ...env, PATH: process.env.PATH ?? '' },
      stdio: 'ignore',
    });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/**
 * A cold start's share that the bundle decides: `require()` of the bundle (parse, compile, module-level
 * work: config, clients) in a fresh `node`, against a bare `node` start on the same machine in the same
 * run, both as CPU time. Interleaved, so machine load affects both alike.
 */
export function requireRatios(files: Record<string, string>, ids: readonly string[], runs = 15) {
  const bare: number[] = [];
  const loaded: Record<string, number[]> = Object.fromEntries(ids.map((id) => [id, []]));
  for (let round = 0; round < 3; round++) {
    bare.push(medianStart('0', FUNCTION_ENV, runs));
    for (const id of ids)
      loaded[id]!.push(medianStart(`require(${JSON.stringify(files[id])})`, FUNCTION_ENV, runs));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const bareMs = median(bare);
  return {
    bareNodeCpuMs: +bareMs.toFixed(1),
    ...Object.fromEntries(
      ids.map((id) => {
        const ms = median(loaded[id]!);
        return [id, { cpuMs: +ms.toFixed(1), ratio: +(ms / bareMs).toFixed(2) }];
      }),
    ),
  };
}

export const removeBundles = (dir: string) => rmSync(dir, { recursive: true, force: true });
