import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * Builds the web app (web/ → web/dist) when it is missing or stale, for `npm start` and `cdk synth`.
 * Fresh = web/dist/.build-hash equals a hash of every input (web sources, Vite config, lockfile), so an
 * up-to-date build costs one hash of a few hundred KB. Concurrent callers (parallel tests) take turns
 * through a lock file; the second one finds the build fresh.
 */
const ROOT = resolve(__dirname, '..');
export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');
const HASH_FILE = join(WEB_DIST, '.build-hash');
const LOCK_FILE = join(WEB_DIR, '.build.lock');
const LOCK_STALE_MS = 120_000;
const INPUTS = ['index.html', 'vite.config.mts', 'tsconfig.json', 'public', 'src'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [
    ...INPUTS.flatMap((input) => files(join(WEB_DIR, input))),
    join(ROOT, 'package-lock.json'),
  ]) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function webBuildIsFresh(hash = webSourceHash()): boolean {
  try {
    return existsSync(join(WEB_DIST, 'index.html')) && readFileSync(HASH_FILE, 'utf8') === hash;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function takeLock(): number {
  for (;;) {
    try {
      return openSync(LOCK_FILE, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(LOCK_FILE).mtimeMs > LOCK_STALE_MS) rmSync(LOCK_FILE, { force: true });
      } catch {
        // removed meanwhile
      }
      sleep(200);
    }
  }
}

export class WebBuildError extends Error {}

/** Builds web/dist unless it is fresh; returns whether it built. Throws WebBuildError when Vite fails. */
export function ensureWebBuild(log: (line: string) => void = () => undefined): boolean {
  if (webBuildIsFresh()) return false;
  const lock = takeLock();
  try {
    const hash = webSourceHash();
    if (webBuildIsFresh(hash)) return false;
    log('Building the web app (web/ → web/dist)...');
    const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
    if (!existsSync(vite)) throw new WebBuildError('Vite is not installed: run `npm ci` first.');
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      [vite, 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        // A production build whoever asks (jest sets NODE_ENV=test, which would make Vite build for development).
        env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      },
    );
    if (result.status !== 0) {
      throw new WebBuildError(
        `The web app did not build (run \`npm run build:web\` to see why):\n${result.stderr || result.stdout}`,
      );
    }
    writeFileSync(HASH_FILE, hash);
    log(`Built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return true;
  } finally {
    closeSync(lock);
    rmSync(LOCK_FILE, { force: true });
  }
}

if (require.main === module) {
  try {
    const built = ensureWebBuild(console.log);
    if (!built) console.log('The web app in web/dist is up to date.');
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
