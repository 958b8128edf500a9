import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * `npx cdk synth --quiet` as a deployer runs it, offline and without credentials: with real values it prints
 * nothing at all (no bundler lines, no warnings); with the defaults, one warning per placeholder, naming the
 * context key. One bundled synth of every function: a few minutes on a busy 2-core machine.
 */
jest.setTimeout(600_000);

const REPO_ROOT = resolve(__dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'cdk-synth-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('npx cdk synth --quiet prints no bundler lines, and nothing at all once the placeholders are replaced', async () => {
  const { stdout, stderr } = await promisify(execFile)(
    resolve(REPO_ROOT, 'node_modules/.bin/cdk'),
    [
      'synth',
      '--quiet',
      '--output',
      out,
      '-c',
      'sesFromAddress=no-reply@acme.test',
      '-c',
      'appBaseUrl=https://portal.acme.test',
    ],
    { cwd: REPO_ROOT, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
  );
  expect(`${stdout}${stderr}`).not.toMatch(/Bundling|esbuild|\.js\s+\d+(\.\d+)?\s?[km]b/i);
  expect(`${stdout}${stderr}`.trim()).toBe('');
});
