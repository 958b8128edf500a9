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

/** The name under which the bench reports the reference handler (bench/reference-handler.ts). */
export const REFERENCE = 'reference: one DynamoDB client, one GetItem';

/**
 * Bundles every route as the stack does (lib/bundling.ts), and the reference handler, into a temp folder;
 * returns the routes' files by route id and the reference's file.
 */
export async function bundleRoutes(): Promise<{
  dir: string;
  files: Record<string, string>;
  reference: string;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-bench-bundles-'));
  const bundle = async (entry: string, name: string) => {
    const outfile = join(dir, `${name}.js`);
    await build({
      entryPoints: [entry],
      bundle: true,
      outfile,
      logLevel: 'silent',
      ...BUNDLING,
      mainFields: [...BUNDLING.mainFields],
      alias: { ...BUNDLING.alias },
    });
    return outfile;
  };
  const files: Record<string, string> = {};
  for (const route of routeList)
    files[route.id] = await bundle(resolve(REPO_ROOT, handlerEntry(route)), route.id);
  const reference = await bundle(resolve(__dirname, 'reference-handler.ts'), 'reference');
  return { dir, files, reference };
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
 * A cold start's share that the bundle decides: the wall time of a fresh `node` that `require()`s the bundle
 * (parse, compile, module-level work: config, clients, and the async work that starts) against a bare
 * `node` start with the same environment. Each round measures the bare start and every bundle back to
 * back (median of `runs` processes each) and takes their ratio, so a change in machine load between
 * rounds moves both sides; the answer is the median round, with the lowest and highest beside it.
 */
export interface RequireFigure {
  /** Median wall time of a fresh `node` that requires the bundle, in ms. */
  readonly ms: number;
  /** Against a bare `node` start: the median round, and the lowest and highest round. */
  readonly ratio: number;
  readonly lowestRound: number;
  readonly highestRound: number;
}

export function requireRatios(
  files: Record<string, string>,
  ids: readonly string[],
  rounds = 5,
  runs = 15,
): { bareNodeMs: number; bundles: Record<string, RequireFigure> } {
  const bare: number[] = [];
  const loaded: Record<string, number[]> = Object.fromEntries(ids.map((id) => [id, []]));
  for (let round = 0; round < rounds; round++) {
    bare.push(medianStart('0', FUNCTION_ENV, runs));
    for (const id of ids)
      loaded[id]!.push(medianStart(`require(${JSON.stringify(files[id])})`, FUNCTION_ENV, runs));
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] ?? 0;
  const round2 = (value: number) => +value.toFixed(2);
  const figure = (times: number[]): RequireFigure => {
    const ratios = sorted(times.map((ms, round) => ms / bare[round]!));
    return {
      ms: +median(times).toFixed(1),
      ratio: round2(median(ratios)),
      lowestRound: round2(ratios[0]!),
      highestRound: round2(ratios.at(-1)!),
    };
  };
  return {
    bareNodeMs: +median(bare).toFixed(1),
    bundles: Object.fromEntries(ids.map((id) => [id, figure(loaded[id]!)])),
  };
}

export const removeBundles = (dir: string) => rmSync(dir, { recursive: true, force: true });
