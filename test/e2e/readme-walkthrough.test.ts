import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { type LocalStack, startLocalStack } from './local-stack';

/**
 * The README's walkthrough, run as a newcomer runs it: every ```bash block, in order, pasted into one bash
 * against `npm start`, with `set -euo pipefail` so that a step whose answer lacks what the next step reads
 * stops the run. Only the API's address (and PORT, for create-account) differ from the README's.
 */
jest.setTimeout(180_000);

const REPO_ROOT = resolve(__dirname, '../..');
const README = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
const blocks = [...README.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack();
}, 120_000);

afterAll(async () => {
  await stack?.stop('SIGTERM'); // SIGKILL would leave DynamoDB Local running
});

test('the README has the walkthrough blocks, and they set API from the default port', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  expect(blocks[0]).toContain('API=http://localhost:3000\n');
  // No placeholder to fill in (<accountId>, …) and no jq, outside the comments that show sample answers.
  const code = (block: string) => block.replace(/(^|\s)#.*$/gm, '$1');
  for (const block of blocks) expect(code(block)).not.toMatch(/<[a-zA-Z]+>|…|\bjq\b/);
});

test('every bash block runs as pasted, and each step gets the answer the README shows', async () => {
  const port = new URL(stack.url).port;
  const script = ['set -euo pipefail', ...blocks]
    .join('\n')
    .replace('API=http://localhost:3000', `API=http://localhost:${port}`);
  const { stdout } = await promisify(execFile)('bash', ['-c', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: port },
    timeout: 150_000,
    maxBuffer: 4 * 1024 * 1024,
  }).catch((error: { stdout: string; stderr: string; message: string }) => {
    throw new Error(`the walkthrough failed: ${error.message}\n${error.stdout}\n${error.stderr}`);
  });
  const answers = stdout.split('\n');
  const answer = (pattern: RegExp) => answers.filter((line) => pattern.test(line));
  expect(answer(/^\{"status":"AUTHENTICATED"/)).toHaveLength(2); // MFA off, then after the code
  // With email codes, then with the authenticator app (nothing sent, the other methods offered).
  expect(answer(/^\{"status":"MFA_REQUIRED","session":/)).toHaveLength(2);
  expect(answer(/"channel":"totp","methods":\["totp","sms","recovery_code"\]/)).toHaveLength(1);
  expect(answer(/^\{"enabled":true,"rememberDeviceDays":(0|30),/)).toHaveLength(2);
  expect(answer(/"mfaChannel":"sms"/).some((l) => l.includes('alice@demo-energy.test'))).toBe(true);
  expect(answer(/"accountName":"Demo Energy Co"/)).toHaveLength(1);
  expect(
    answer(/^\{"accountId":"[\da-f-]{36}","invitationUrl":"http:\/\/localhost:\d+\/register\?invitation=/),
  ).toHaveLength(1);
  expect(answer(/"validated":true/)).toHaveLength(1);
  expect(answer(/^\{"phoneNumber":"\+393471234567","mfaChannel":"sms"\}$/)).toHaveLength(1);
  // Second factors: ten recovery codes; signed in by the remembered device, then by a recovery code; and
  // the refresh before signing out everywhere.
  expect(answer(/^\{"enabled":true,"recoveryCodes":\[("[0-9A-Z-]+",?){10}\]\}$/)).toHaveLength(1);
  expect(answer(/^AUTHENTICATED$/)).toHaveLength(3);
  expect(answer(/^sms$/)).toHaveLength(1);
  expect(answer(/^PASSWORD_RESET$|^\{"status":"PASSWORD_RESET"\}$/)).toHaveLength(1);
  expect(answer(/^\["email"\]$/)).toHaveLength(1); // Alice after her MFA reset
  // Forget a device, forget all, remove the app, change the password, revoke an invitation, sign out.
  expect(answer(/^201$/)).toHaveLength(1);
  expect(answer(/^204$/)).toHaveLength(6);
  expect(answer(/"code":"REFRESH_TOKEN_INVALID"/)).toHaveLength(1);
});
