import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Keeps docs/cost-model.md true: scripts/count-aws-calls.ts runs a sign-in end to end against the local
 * stack (in its own process, dynalite) and compares the AWS calls of every step with the document's table.
 */
const REPO_ROOT = resolve(__dirname, '../..');
const TSX = resolve(REPO_ROOT, 'node_modules/.bin/tsx');

/** The runner's environment without settings a developer's shell or another stack may have left behind. */
const cleanEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      ([name, value]) =>
        value !== undefined &&
        !/^(AWS_|LOCAL_|MFA_|COGNITO_|USER_POOL_|SES_|SMS_|SETTINGS_TABLE|CODES_TABLE|AUDIT_TABLE|APP_BASE_URL$|PORT$|POWERTOOLS_)/.test(
          name,
        ),
    ),
  );

it('docs/cost-model.md names the AWS calls that each sign-in step makes', async () => {
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    execFile(
      TSX,
      ['scripts/count-aws-calls.ts', '--check', 'docs/cost-model.md'],
      { cwd: REPO_ROOT, env: cleanEnv(), timeout: 90_000 },
      (error, stdout, stderr) =>
        done({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr }),
    );
  });
  // On a difference the script names it (step, call, documented and measured counts) on stderr.
  expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(JSON.parse(run.stdout)).toHaveProperty('login-mfa-on');
}, 100_000);
