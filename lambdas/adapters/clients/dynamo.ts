import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { once, recorded } from './record';

/**
 * One DynamoDB document client per process. Each AWS client has a module of its own, so a handler
 * bundles only the clients its route uses. Endpoints come from the SDK's own
 * `AWS_ENDPOINT_URL_<SERVICE>` variables (how the local stack and the tests reach the stand-ins).
 */
export const documentClient = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(recorded('DynamoDB', new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);
