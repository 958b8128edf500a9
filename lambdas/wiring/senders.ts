import { sesClient } from '../adapters/clients/ses';
import { snsClient } from '../adapters/clients/sns';
import { sesEmailSender } from '../adapters/email-sender';
import { snsSmsSender } from '../adapters/sms-sender';
import { type Config, config } from '../config';

export const sms = (cfg: Config = config()) => snsSmsSender(snsClient, { smsSenderId: cfg.SMS_SENDER_ID });
export const email = (cfg: Config = config()) =>
  sesEmailSender(sesClient, {
    fromAddress: cfg.SES_FROM_ADDRESS,
    configurationSet: cfg.SES_CONFIGURATION_SET,
  });
