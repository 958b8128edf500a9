import { secretsClient } from '../adapters/clients/secrets';
import { serviceKeysLoader } from '../adapters/service-keys';
import { type Config, config } from '../config';

/** The HMAC and sealing keys: from Secrets Manager in AWS, from MFA_LOCAL_SECRET locally. */
export const keys = (cfg: Config = config()) =>
  serviceKeysLoader({ secretArn: cfg.MFA_KEYS_SECRET_ARN, localSecret: cfg.MFA_LOCAL_SECRET }, secretsClient);
