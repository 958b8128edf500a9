import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { DeliveryError } from './delivery-error';

/** SMS through SNS, to a phone number, never a topic. */
export interface SmsSender {
  sendSms(phoneNumber: string, text: string): Promise<void>;
}

/** `sns` is asked for the client at the first send: a route that may not send never builds one. */
export function snsSmsSender(sns: () => SNSClient, options: { smsSenderId?: string } = {}): SmsSender {
  return {
    async sendSms(phoneNumber, text) {
      try {
        await sns().send(
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
  };
}
