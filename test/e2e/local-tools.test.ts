import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { call, freePort, isAlive, type LocalStack, startLocalStack } from './local-stack';

/**
 * The local stack's own tools, over HTTP as a newcomer uses them: the outbox filtered by a plain phone
 * number, `POST /_local/faults` (SNS / SES refusals on demand), a taken port, one line per signal, and an
 * output free of the AWS SDK's Node-version and v2 maintenance notices.
 */
jest.setTimeout(60_000);

const ADMIN_EMAIL = 'tools-admin@demo-energy.test';
const ADMIN_PASSWORD = 'tools admin passphrase';
const ADMIN_PHONE = '+14155552671';
const NEW_PHONE = '+34612345678';
const REPO_ROOT = resolve(__dirname, '../..');

let stack: LocalStack;
let idToken: string;
let accountId: string;

beforeAll(async () => {
  stack = await startLocalStack({
    LOCAL_ADMIN_EMAIL: ADMIN_EMAIL,
    LOCAL_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOCAL_ADMIN_PHONE: ADMIN_PHONE,
  });
  const login = await call(`${stack.url}/v1/auth/login`, {
    body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  });
  idToken = login.body.tokens.idToken;
  accountId = (await call(`${stack.url}/v1/me`, { token: idToken })).body.accountId;
}, 120_000);

afterAll(async () => {
  await stack?.stop('SIGTERM'); // SIGKILL would leave DynamoDB Local running
});

const faults = (body: unknown) => call(`${stack.url}/_local/faults`, { body });
const invite = (email: string) =>
  call(`${stack.url}/v1/accounts/${accountId}/invitations`, { token: idToken, body: { email } });
const outbox = async (query: string) =>
  (await call(`${stack.url}/_local/outbox?${query}`)).body.messages as { to: string; channel: string }[];

describe('GET /_local/outbox?to=', () => {
  beforeAll(async () => {
    const started = await call(`${stack.url}/v1/me/phone/validation`, {
      token: idToken,
      body: { phoneNumber: NEW_PHONE },
    });
    expect(started.status).toBe(202);
  });

  test.each([
    ['as typed, + and all (a + in a query string is a space)', 'to=+34612345678'],
    ['encoded', 'to=%2B34612345678'],
    ['with a space for the +', 'to=%2034612345678'],
  ])('finds the SMS by the plain number, %s', async (_how, query) => {
    const messages = await outbox(query);
    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(messages.every((m) => m.to === NEW_PHONE && m.channel === 'sms')).toBe(true);
  });

  test('another number finds nothing', async () => {
    expect(await outbox('to=+34699999999')).toEqual([]);
  });
});

describe('POST /_local/faults', () => {
  test('SES: the next email to that recipient is refused (502 DELIVERY_FAILED), others go out', async () => {
    const armed = await faults({ service: 'ses', count: 1, to: 'refused@demo-energy.test' });
    expect(armed.status).toBe(202);
    expect((await invite('other@demo-energy.test')).status).toBe(201);
    const refused = await invite('refused@demo-energy.test');
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('DELIVERY_FAILED');
    expect((await invite('refused@demo-energy.test')).status).toBe(201); // count 1: used up
  });

  test('SNS: the next N SMS fail the way SNS refuses them', async () => {
    expect((await faults({ service: 'sns', count: 2 })).status).toBe(202);
    const start = () =>
      call(`${stack.url}/v1/me/phone/validation`, { token: idToken, body: { phoneNumber: '+393471234567' } });
    for (let i = 0; i < 2; i++) {
      const refused = await start();
      expect(refused.status).toBe(502);
      expect(refused.body.error.code).toBe('DELIVERY_FAILED');
    }
    expect((await start()).status).toBe(202);
  });

  test('a recipient given as a plain number with + is matched', async () => {
    expect((await faults({ service: 'sns', count: 1, to: '+393471234568' })).status).toBe(202);
    const refused = await call(`${stack.url}/v1/me/phone/validation`, {
      token: idToken,
      body: { phoneNumber: '+39 347 123 4568' },
    });
    expect(refused.status).toBe(502);
  });

  test.each<[string, unknown]>([
    ['an unknown service', { service: 'sqs', count: 1 }],
    ['no count', { service: 'sns' }],
    ['a count of 0', { service: 'ses', count: 0 }],
    ['a fractional count', { service: 'ses', count: 1.5 }],
    ['an unknown field', { service: 'ses', count: 1, status: 500 }],
    ['not an object', [1]],
  ])('%s is a 400 VALIDATION_FAILED in the contract shape', async (_name, body) => {
    const refused = await faults(body);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: '(body)' })],
      }),
    );
  });

  test('only POST', async () => {
    const refused = await call(`${stack.url}/_local/faults`);
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('POST');
  });
});

describe('output', () => {
  test('no AWS SDK Node-version or v2 maintenance notice, though every client has been used', () => {
    expect(stack.output()).not.toMatch(/NodeVersionSupportWarning|maintenance mode|end-of-support/i);
  });

  test('one line for a Ctrl-C, which reaches npm and the stack alike, and a second signal', async () => {
    // A terminal's Ctrl-C signals the whole foreground group, so the stack (one node process: tsx is an
    // import hook, not a wrapper that relays signals) may see it twice, then an impatient SIGTERM.
    const pid = stack.child.pid!;
    process.kill(pid, 'SIGINT');
    process.kill(pid, 'SIGINT');
    setTimeout(() => {
      if (isAlive(pid)) process.kill(pid, 'SIGTERM');
    }, 100);
    const { code } = await stack.stop('SIGINT');
    expect(code).toBe(0);
    expect(stack.output().match(/received, stopping/g)).toHaveLength(1);
  });
});

describe('a port already in use', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    blocker = createServer();
    await new Promise<void>((done) => blocker.listen(port, '127.0.0.1', done));
  });
  afterAll(() => new Promise<void>((done) => blocker.close(() => done())));

  test('stops at once with one line naming the port and how to choose another', async () => {
    const started = Date.now();
    const child = spawn(resolve(REPO_ROOT, 'node_modules/.bin/tsx'), ['local/start.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), LOCAL_DYNAMO: 'js' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(8_000); // no stand-in was started
    const lines = output.trim().split('\n');
    expect(lines).toEqual([expect.stringContaining(`port ${port} is already in use`)]);
    expect(lines[0]).toContain(`PORT=${port + 1} npm start`);
    expect(output).not.toMatch(/EADDRINUSE|\n\s+at /);
  });
});
