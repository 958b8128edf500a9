import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The floor the cold-start ratios are read against: the smallest handler that does real work with the
 * SDK, one DynamoDB client and one GetItem, bundled like the routes. What a route's `require()` costs
 * above this one is what the route's own code and its other clients add.
 */
const dynamo = new DynamoDBClient({});

export const handler = async (event: { id: string }) =>
  (
    await dynamo.send(
      new GetItemCommand({ TableName: process.env.SETTINGS_TABLE_NAME, Key: { pk: { S: event.id } } }),
    )
  ).Item ?? null;
