import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { EmailMessage } from '../domain/messages';
import { DeliveryError } from './delivery-error';

/** Email through SES, from the service's one sender address. */
export interface EmailSender {
  sendEmail(to: string, message: EmailMessage): Promise<void>;
}

/** `ses` is asked for the client at the first send: a route that may not send never builds one. */
export function sesEmailSender(
  ses: () => SESClient,
  options: { fromAddress: string; configurationSet?: string },
): EmailSender {
  return {
    async sendEmail(to, message) {
      try {
        await ses().send(
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
