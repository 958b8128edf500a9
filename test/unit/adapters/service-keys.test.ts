import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { serviceKeysLoader } from '../../../lambdas/adapters/service-keys';
import { deriveKeys } from '../../../lambdas/domain/secrets';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:mfa-keys-AbCdEf';
const SECRET = 'secrets-manager-value-of-at-least-32-chars';
const LOCAL = 'local-secret-value-of-at-least-32-characters';

const client = new SecretsManagerClient({ region: 'us-east-1' });
const smMock = mockClient(client);

beforeEach(() => smMock.reset());

test('a local secret needs no Secrets Manager client at all', async () => {
  const factory = jest.fn(() => client);
  const load = serviceKeysLoader({ localSecret: LOCAL }, factory);
  const keys = await load();
  expect(keys.hmacKey.equals(deriveKeys(LOCAL).hmacKey)).toBe(true);
  expect(keys.sealKey.equals(deriveKeys(LOCAL).sealKey)).toBe(true);
  expect(factory).not.toHaveBeenCalled();
  expect(smMock).not.toHaveReceivedCommand(GetSecretValueCommand);
});

test('an ARN is fetched once and cached across loads', async () => {
  smMock.on(GetSecretValueCommand).resolves({ SecretString: SECRET });
  const load = serviceKeysLoader({ secretArn: ARN }, () => client);
  const [first, second] = await Promise.all([load(), load()]);
  const third = await load();
  expect(smMock).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  expect(smMock).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: ARN });
  expect(first!.hmacKey.equals(deriveKeys(SECRET).hmacKey)).toBe(true);
  expect(second).toBe(first);
  expect(third).toBe(first);
});

test('a failed fetch is retried on the next call', async () => {
  smMock
    .on(GetSecretValueCommand)
    .rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }))
    .resolves({ SecretString: SECRET });
  const load = serviceKeysLoader({ secretArn: ARN }, () => client);
  await expect(load()).rejects.toThrow('throttled');
  const keys = await load();
  expect(keys.sealKey.equals(deriveKeys(SECRET).sealKey)).toBe(true);
  await load();
  expect(smMock).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
});

test('a secret without a string value is an error, and is retried', async () => {
  smMock.on(GetSecretValueCommand).resolvesOnce({}).resolves({ SecretString: SECRET });
  const load = serviceKeysLoader({ secretArn: ARN }, () => client);
  await expect(load()).rejects.toThrow(/no string value/);
  await expect(load()).resolves.toHaveProperty('hmacKey');
  expect(smMock).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
});

test('a secret too short to derive keys from is refused', async () => {
  smMock.on(GetSecretValueCommand).resolves({ SecretString: 'short' });
  const load = serviceKeysLoader({ secretArn: ARN }, () => client);
  await expect(load()).rejects.toThrow(RangeError);
});
