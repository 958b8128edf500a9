import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { deriveKeys, type ServiceKeys } from '../domain/secrets';

/**
 * The HMAC and sealing keys, derived from the server secret once per process: from Secrets Manager in AWS,
 * from MFA_LOCAL_SECRET in the local stack and tests. A failed fetch is retried on the next request.
 */
export function serviceKeysLoader(
  source: { secretArn?: string; localSecret?: string },
  secrets: () => SecretsManagerClient,
): () => Promise<ServiceKeys> {
  let pending: Promise<ServiceKeys> | undefined;
  const load = async (): Promise<ServiceKeys> => {
    if (source.localSecret) return deriveKeys(source.localSecret);
    const { SecretString } = await secrets().send(new GetSecretValueCommand({ SecretId: source.secretArn }));
    if (!SecretString) throw new Error('the MFA keys secret has no string value');
    return deriveKeys(SecretString);
  };
  return () => {
    pending ??= load().catch((error) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
