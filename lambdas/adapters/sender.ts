import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { EmailMessage } from '../domain/messages';

/** Delivery of SMS (SNS, to a phone number, never a topic) and email (SES), behind one small interface. */
export interface MessageSender {
  sendSms(phoneNumber: string, text: string): Promise<void>;
  sendEmail(to: string, message: EmailMessage): Promise<void>;
}

/** SNS or SES did not take the message; the caller answers 502 DELIVERY_FAILED. */
export class DeliveryError extends Error {
  readonly channel: 'sms' | 'email';
  constructor(channel: 'sms' | 'email', cause: unknown) {
    super(`${channel} delivery failed: ${(cause as Error)?.name ?? 'unknown error'}`);
    this.name = 'DeliveryError';
    this.channel = channel;
  }
}

export function awsSender(
  sns: SNSClient,
  ses: SESClient,
  options: { fromAddress: string; smsSenderId?: string; configurationSet?: string },
): MessageSender {
  return {
    async sendSms(phoneNumber, text) {
      try {
        await sns.send(
          new PublishCommand({
            PhoneNumber: phoneNumber,
            Message: text,
            MessageAttributes: {
              'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
              ...(options.smsSenderId
                ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: options.smsSenderId } }
                : {}),
            },
          }),
        );
      } catch (error) {
        throw new DeliveryError('sms', error);
      }
    },

    async sendEmail(to, message) {
      try {
        await ses.send(
          new SendEmailCommand({
            Source: options.fromAddress,
            ConfigurationSetName: options.configurationSet,
            Destination: { ToAddresses: [to] },
            Message: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            },
          }),
        );
      } catch (error) {
        throw new DeliveryError('email', error);
      }
    },
  };
}
