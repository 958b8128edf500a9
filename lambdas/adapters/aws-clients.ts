import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS clients, created once per process and only when first used. Endpoints come from the SDK's own
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, which is how the local stack and the tests point the real
 * clients at the stand-ins; in Lambda they are unset and the clients talk to AWS.
 */
const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
};

/** Every AWS call made by this process, as "Service.Operation", when MFA_RECORD_AWS_CALLS=1 (cost model). */
export const recordedAwsCalls: string[] = [];

type AnyMiddleware = (
  next: (args: unknown) => Promise<unknown>,
  context: { commandName?: string },
) => unknown;
interface Stack {
  add(middleware: AnyMiddleware, options: { step: 'initialize'; name: string }): void;
}

function recorded<T extends { middlewareStack: unknown }>(service: string, client: T): T {
  if (process.env.MFA_RECORD_AWS_CALLS === '1') {
    (client.middlewareStack as Stack).add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
        recordedAwsCalls.push(`${service}.${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`);
        return next(args);
      },
      { step: 'initialize', name: 'recordAwsCall' },
    );
  }
  return client;
}

export const documentClient = once(() =>
  DynamoDBDocumentClient.from(recorded('DynamoDB', new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);
export const cognitoClient = once(() => recorded('Cognito', new CognitoIdentityProviderClient({})));
export const snsClient = once(() => recorded('SNS', new SNSClient({})));
export const sesClient = once(() => recorded('SES', new SESClient({})));
export const secretsClient = once(() => recorded('SecretsManager', new SecretsManagerClient({})));
