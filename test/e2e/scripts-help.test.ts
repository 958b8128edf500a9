import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * Every command a user runs answers `--help` with its usage on stdout and exit 0, before it starts or
 * reaches anything; the npm scripts are what the README names.
 */
jest.setTimeout(60_000);

const REPO_ROOT = resolve(__dirname, '../..');
const scripts: Record<string, string> = JSON.parse(
  readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8'),
).scripts;

/** `npm run <name> -- <args>` as the shell would run it, without npm's own header lines. */
async function runScript(name: string, args: string[]) {
  const command = scripts[name];
  expect(command).toMatch(/^tsx scripts\//);
  const [, ...words] = command!.split(' ');
  try {
    const { stdout, stderr } = await promisify(execFile)(
      resolve(REPO_ROOT, 'node_modules/.bin/tsx'),
      [...words, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, PORT: '1' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test.each([
  ['create-account', '--help', /^usage: npm run create-account -- --name <name> --admin-email <email>/],
  ['create-account', '-h', /^usage: npm run create-account/],
  ['bench', '--help', /^usage: npm run bench/],
  ['cost-model', '--help', /^usage: npm run cost-model/],
  ['cost-model:check', '--help', /^usage: npm run cost-model/],
])('npm run %s -- %s: usage on stdout, exit 0, nothing on stderr', async (name, flag, usage) => {
  const result = await runScript(name, [flag]);
  expect(result).toEqual({ code: 0, stdout: expect.stringMatching(usage), stderr: '' });
  expect(result.stdout).toMatch(/-h, --help/);
});

test('a wrong option is exit 2 with the usage line, not a stack trace', async () => {
  const result = await runScript('create-account', ['--nmae', 'Acme']);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/Unknown option '--nmae'\nusage: npm run create-account/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
});
