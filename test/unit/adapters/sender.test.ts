import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DeliveryError } from '../../../lambdas/adapters/delivery-error';
import { sesEmailSender } from '../../../lambdas/adapters/email-sender';
import { snsSmsSender } from '../../../lambdas/adapters/sms-sender';
import { messagesFor } from '../../../lambdas/domain/messages';

const PHONE = '+14155552671';
const CODE = '482913';

const sns = new SNSClient({ region: 'us-east-1' });
const ses = new SESClient({ region: 'us-east-1' });
const snsMock = mockClient(sns);
const sesMock = mockClient(ses);

beforeEach(() => {
  snsMock.reset();
  sesMock.reset();
});

const sender = (smsSenderId?: string) => ({
  ...snsSmsSender(() => sns, smsSenderId ? { smsSenderId } : {}),
  ...sesEmailSender(() => ses, { fromAddress: 'no-reply@example.com' }),
});

describe('clients', () => {
  test('are asked for at the first send, not when the sender is made', async () => {
    let built = 0;
    const builds =
      <T>(client: T) =>
      () => {
        built++;
        return client;
      };
    const senders = {
      ...snsSmsSender(builds(sns)),
      ...sesEmailSender(builds(ses), { fromAddress: 'no-reply@example.com' }),
    };
    expect(built).toBe(0);
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await senders.sendSms(PHONE, 'text');
    expect(built).toBe(1);
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'e-1' });
    await senders.sendEmail('user@example.com', { subject: 's', text: 't' });
    expect(built).toBe(2);
  });
});

describe('sendSms', () => {
  test('publishes to the phone number (never a topic) as a Transactional SMS', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const text = messagesFor('en').loginCodeSms({ product: 'Account MFA', code: CODE, minutes: 5 });
    await sender().sendSms(PHONE, text);

    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 1);
    const input = snsMock.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input.PhoneNumber).toBe(PHONE);
    expect(input.TopicArn).toBeUndefined();
    expect(input.TargetArn).toBeUndefined();
    expect(input.Message).toBe(text);
    expect(input.MessageAttributes?.['AWS.SNS.SMS.SMSType']).toEqual({
      DataType: 'String',
      StringValue: 'Transactional',
    });
    expect(input.MessageAttributes).not.toHaveProperty(['AWS.SNS.SMS.SenderID']);
  });

  test('adds the sender id when configured', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-2' });
    await sender('AcmeMFA').sendSms(PHONE, 'text');
    expect(snsMock).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: PHONE,
      MessageAttributes: expect.objectContaining({
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'AcmeMFA' },
      }),
    });
  });

  test('an SNS rejection becomes DeliveryError("sms") without the number or the text', async () => {
    const failure = Object.assign(new Error(`Invalid parameter: PhoneNumber ${PHONE}`), {
      name: 'InvalidParameterException',
    });
    snsMock.on(PublishCommand).rejects(failure);
    const error = await sender()
      .sendSms(PHONE, `code ${CODE}`)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).channel).toBe('sms');
    expect((error as DeliveryError).name).toBe('DeliveryError');
    expect((error as DeliveryError).message).toContain('InvalidParameterException');
    expect((error as DeliveryError).message).not.toContain(PHONE);
    expect((error as DeliveryError).message).not.toContain(CODE);
    expect(sesMock).not.toHaveReceivedCommand(SendEmailCommand);
  });
});

describe('sendEmail', () => {
  const message = messagesFor('en').loginCodeEmail({ product: 'Account MFA', code: CODE, minutes: 5 });

  test('sends one email from the configured address; the subject has no code', async () => {
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'e-1' });
    await sender().sendEmail('alice@example.com', message);

    expect(sesMock).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    const input = sesMock.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.Source).toBe('no-reply@example.com');
    expect(input.Destination).toEqual({ ToAddresses: ['alice@example.com'] });
    expect(input.Message?.Subject?.Data).toBe(message.subject);
    expect(input.Message?.Subject?.Data).not.toContain(CODE);
    expect(input.Message?.Body?.Text?.Data).toContain(CODE);
    expect(input.Message?.Body?.Html).toBeUndefined();
    expect(snsMock).not.toHaveReceivedCommand(PublishCommand);
  });

  test('an SES rejection becomes DeliveryError("email")', async () => {
    sesMock
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' }));
    await expect(sender().sendEmail('alice@example.com', message)).rejects.toMatchObject({
      name: 'DeliveryError',
      channel: 'email',
    });
    await expect(sender().sendEmail('alice@example.com', message)).rejects.toBeInstanceOf(DeliveryError);
  });
});
