import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { once, recorded } from './record';

export const secretsClient = /* @__PURE__ */ once(() =>
  recorded('SecretsManager', new SecretsManagerClient({})),
);
