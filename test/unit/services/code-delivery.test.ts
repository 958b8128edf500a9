jest.mock('../../../lambdas/http/metrics', () => {
  const actual = jest.requireActual<typeof import('../../../lambdas/http/metrics')>(
    '../../../lambdas/http/metrics',
  );
  return { ...actual, countMetric: jest.fn() };
});

import { DeliveryError } from '../../../lambdas/adapters/delivery-error';
import type { EmailSender } from '../../../lambdas/adapters/email-sender';
import type { SmsSender } from '../../../lambdas/adapters/sms-sender';
import type { EmailMessage } from '../../../lambdas/domain/messages';
import { logger } from '../../../lambdas/http/logger';
import { countMetric } from '../../../lambdas/http/metrics';
import { type CodeDelivery, sendCode } from '../../../lambdas/services/codes/code-delivery';
import { testConfig } from '../helpers/config';

/**
 * Sending a code: the wording for its purpose and language, and what operators see (the metrics the
 * dashboard plots, the log events the runbooks name, with the destination masked and the provider's
 * error named on a refusal).
 */
const metrics = countMetric as jest.MockedFunction<typeof countMetric>;
let info: jest.SpiedFunction<typeof logger.info>;
let error: jest.SpiedFunction<typeof logger.error>;
beforeEach(() => {
  metrics.mockClear();
  info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const config = testConfig({
  MFA_CODE_TTL_SECONDS: '300',
  PRODUCT_NAME: 'Acme',
});

class Recorder implements SmsSender, EmailSender {
  readonly sms: { to: string; text: string }[] = [];
  readonly emails: { to: string; message: EmailMessage }[] = [];
  refusal: unknown;
  async sendSms(to: string, text: string) {
    if (this.refusal) throw this.refusal;
    this.sms.push({ to, text });
  }
  async sendEmail(to: string, message: EmailMessage) {
    if (this.refusal) throw this.refusal;
    this.emails.push({ to, message });
  }
}

const setup = () => {
  const sender = new Recorder();
  return { sender, deps: { config, now: () => new Date(0), sms: sender, email: sender } };
};
const PHONE = '+34612345678';
const sms = (purpose: CodeDelivery['purpose'], locale = 'en'): CodeDelivery => ({
  purpose,
  channel: 'sms',
  destination: PHONE,
  locale,
  code: '123456',
});
const logged = (spy: jest.SpiedFunction<typeof logger.info>) => spy.mock.calls.map(([, fields]) => fields);

test('a sign-in code by SMS: the sign-in wording with the minutes it lasts, counted by country, channel and purpose', async () => {
  const { sender, deps } = setup();
  await sendCode(deps, sms('login'));
  expect(sender.sms).toEqual([
    {
      to: PHONE,
      text: 'Acme: your sign-in code is 123456. It expires in 5 min. Never share it; we will never ask for it.',
    },
  ]);
  expect(metrics.mock.calls).toEqual([
    ['SmsSentByCountry', { Country: 'ES' }],
    ['CodesSent', { Channel: 'sms', Purpose: 'login' }],
  ]);
  expect(logged(info)).toEqual([
    { event: 'mfa.code.sent', purpose: 'login', channel: 'sms', destination: '+34 *******78' },
  ]);
  expect(info.mock.calls[0]?.[0]).toBe('mfa.code.sent');
});

test('a phone validation code says it confirms the phone, not a sign-in, in the user language', async () => {
  const { sender, deps } = setup();
  await sendCode(deps, sms('phone-validation', 'es'));
  expect(sender.sms[0]?.text).toBe(
    'Acme: tu codigo para confirmar este telefono es 123456. Caduca en 5 min. No lo compartas.',
  );
  expect(metrics.mock.calls).toContainEqual(['CodesSent', { Channel: 'sms', Purpose: 'phone-validation' }]);
});

test('a code by email: the sign-in email, counted by channel, with the address masked in the log', async () => {
  const { sender, deps } = setup();
  await sendCode(deps, {
    purpose: 'login',
    channel: 'email',
    destination: 'alice@example.com',
    locale: 'en',
    code: '654321',
  });
  expect(sender.emails).toHaveLength(1);
  expect(sender.emails[0]?.message.subject).toBe('Your Acme sign-in code');
  expect(sender.emails[0]?.message.text).toContain('654321');
  expect(metrics.mock.calls).toEqual([['CodesSent', { Channel: 'email', Purpose: 'login' }]]);
  expect(logged(info)[0]).toMatchObject({
    channel: 'email',
    destination: expect.not.stringContaining('alice@'),
  });
});

test('a refusal by the provider: counted and logged with the provider, its error name and request id, then rethrown', async () => {
  const { sender, deps } = setup();
  const refusal = new DeliveryError(
    'sms',
    Object.assign(new Error('x'), { name: 'InvalidParameter', $metadata: { requestId: 'req-1' } }),
  );
  sender.refusal = refusal;
  await expect(sendCode(deps, sms('login'))).rejects.toBe(refusal);
  expect(metrics.mock.calls).toEqual([['DeliveryFailures', { Channel: 'sms' }]]);
  expect(error.mock.calls).toEqual([
    [
      'mfa.code.delivery_failed',
      {
        event: 'mfa.code.delivery_failed',
        purpose: 'login',
        channel: 'sms',
        destination: '+34 *******78',
        provider: 'sns',
        providerError: 'InvalidParameter',
        providerRequestId: 'req-1',
      },
    ],
  ]);
  expect(info).not.toHaveBeenCalled();
});

test('any other failure is rethrown as it is, and is neither counted nor logged as a delivery failure', async () => {
  const { sender, deps } = setup();
  sender.refusal = new TypeError('a bug');
  await expect(sendCode(deps, sms('login'))).rejects.toThrow(TypeError);
  expect(metrics).not.toHaveBeenCalled();
  expect(error).not.toHaveBeenCalled();
});

test('a route that did not wire the sender of a channel says so instead of sending', async () => {
  const { deps } = setup();
  await expect(sendCode({ config: deps.config, now: deps.now }, sms('login'))).rejects.toThrow(
    'this route cannot send SMS',
  );
  await expect(
    sendCode(
      { config: deps.config, now: deps.now },
      { ...sms('login'), channel: 'email', destination: 'a@b.co' },
    ),
  ).rejects.toThrow('this route cannot send email');
  expect(metrics).not.toHaveBeenCalled();
});
