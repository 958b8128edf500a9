import { type JsonSchema, JsonSchemaVersion, type Model, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import * as z from 'zod/mini';
import type { RouteDefinition } from '../lambdas/routes';

/**
 * The route's zod body schema as an API Gateway model schema: JSON Schema draft 4 (the only draft API
 * Gateway accepts), with zod's `$schema` replaced by CDK's own draft-4 marker.
 */
export function bodyJsonSchema(body: z.ZodMiniType): JsonSchema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(body, {
    target: 'draft-04',
    io: 'input',
  }) as Record<string, unknown>;
  return { ...(schema as JsonSchema), schema: JsonSchemaVersion.DRAFT4 };
}

/** `verify-mfa` → `VerifyMfaRequest` (model names are alphanumeric). */
export const modelName = (route: RouteDefinition): string =>
  `${route.id
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}Request`;

/** One model per route with a body, or undefined. */
export function requestModel(api: RestApi, route: RouteDefinition): Model | undefined {
  if (!route.body) return undefined;
  const name = modelName(route);
  return api.addModel(name, {
    modelName: name,
    contentType: 'application/json',
    description: `Body of ${route.method} ${route.path}`,
    schema: bodyJsonSchema(route.body),
  });
}
