import { gatewayOutbox, standInOutbox } from '../support/outbox';
import { call, type LocalStack, startLocalStack } from './local-stack';

/** `LOCAL_ADMIN_PHONE=... npm start`: the seeded admin has an MFA phone, so codes go by SMS to it. */
jest.setTimeout(30_000);

const ADMIN_EMAIL = 'sms-admin@demo-energy.test';
const ADMIN_PASSWORD = 'a different local passphrase';
const ADMIN_PHONE = '+14155552671';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    LOCAL_ADMIN_EMAIL: ADMIN_EMAIL,
    LOCAL_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOCAL_ADMIN_PHONE: ADMIN_PHONE,
  });
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

const login = () =>
  call(`${stack.url}/v1/auth/login`, { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });

it('prints the admin from LOCAL_ADMIN_EMAIL / LOCAL_ADMIN_PASSWORD', () => {
  expect(stack.output()).toContain(ADMIN_EMAIL);
  expect(stack.output()).toContain(ADMIN_PASSWORD);
});

it('sends the admin its code by SMS to LOCAL_ADMIN_PHONE once MFA is on', async () => {
  const first = await login();
  expect(first.body.status).toBe('AUTHENTICATED');
  const idToken = first.body.tokens.idToken as string;
  const me = await call(`${stack.url}/v1/me`, { token: idToken });
  expect(me.body).toEqual(expect.objectContaining({ email: ADMIN_EMAIL, phoneNumber: ADMIN_PHONE }));

  const enable = await call(`${stack.url}/v1/accounts/${me.body.accountId}/settings/mfa`, {
    method: 'PUT',
    token: idToken,
    body: { enabled: true },
  });
  expect(enable.status).toBe(200);

  const challenge = await login();
  expect(challenge.status).toBe(200);
  expect(challenge.body).toEqual(
    expect.objectContaining({
      status: 'MFA_REQUIRED',
      channel: 'sms',
      destination: expect.stringMatching(/\*+71$/),
    }),
  );
  expect(challenge.body.destination).not.toContain('5552671');

  const outbox = gatewayOutbox(stack.url);
  const sms = await outbox.latestMessageTo(ADMIN_PHONE);
  expect(sms).toEqual(expect.objectContaining({ channel: 'sms', to: ADMIN_PHONE }));
  expect(sms.subject).toBeUndefined();
  // The SNS stand-in also recorded the message attributes the sender set.
  const records = await standInOutbox({ sns: stack.snsUrl, ses: stack.sesUrl }).smsRecords(ADMIN_PHONE);
  expect(records.at(-1)?.attributes['AWS.SNS.SMS.SMSType']).toBe('Transactional');
  expect(await outbox.messagesTo(ADMIN_EMAIL)).toEqual([]);

  const code = await outbox.latestCodeFor(ADMIN_PHONE);
  const verified = await call(`${stack.url}/v1/auth/mfa/verify`, {
    body: { session: challenge.body.session, code },
  });
  expect(verified.status).toBe(200);
  expect(verified.body.status).toBe('AUTHENTICATED');
});

it('when SNS refuses the SMS, the code goes by email at once and the answer says so; the email code signs in', async () => {
  const stub = standInOutbox({ sns: stack.snsUrl, ses: stack.sesUrl });
  const outbox = gatewayOutbox(stack.url);
  const smsBefore = await outbox.messagesTo(ADMIN_PHONE);
  await stub.failNextSms(1, { to: ADMIN_PHONE });
  const response = await login();
  expect(response.status).toBe(200);
  expect(response.body).toEqual(
    expect.objectContaining({ status: 'MFA_REQUIRED', channel: 'email', fallbackFrom: 'sms' }),
  );
  expect(response.body.methods).toEqual(['sms', 'email']);
  expect(await outbox.messagesTo(ADMIN_PHONE)).toHaveLength(smsBefore.length);
  const code = await outbox.latestCodeFor(ADMIN_EMAIL);
  const verified = await call(`${stack.url}/v1/auth/mfa/verify`, {
    body: { session: response.body.session, code },
  });
  expect(verified.status).toBe(200);
});

it('answers 502 DELIVERY_FAILED only when SMS and email both fail, leaving no usable session', async () => {
  const stub = standInOutbox({ sns: stack.snsUrl, ses: stack.sesUrl });
  const before = await gatewayOutbox(stack.url).messagesTo(ADMIN_PHONE);
  await stub.failNextSms(1, { to: ADMIN_PHONE });
  await stub.failNextEmails(1, { to: ADMIN_EMAIL });
  const response = await login();
  expect(response.status).toBe(502);
  expect(response.body).toEqual({ error: expect.objectContaining({ code: 'DELIVERY_FAILED' }) });
  expect(response.body.error.session).toBeUndefined();
  expect(await gatewayOutbox(stack.url).messagesTo(ADMIN_PHONE)).toHaveLength(before.length);
});
