import * as z from 'zod/mini';
import type { RouteDefinition } from '../lambdas/routes';
import { ERROR_CODES, responsesFor } from '../lambdas/routes/responses';

/** Keys in a stable order, so that two JSON values compare by their content. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

/**
 * What a route's answer breaks of the contract in lambdas/routes/responses.ts (and so in the OpenAPI
 * document and the web app's typed client), or undefined when it keeps it: the success status with
 * exactly the described body (a field the document does not list counts too), or an error with a known
 * code. Local only (`LOCAL_CHECK_RESPONSES=1`, set by the e2e and browser tests).
 */
export function responseContractBreach(
  route: RouteDefinition,
  statusCode: number,
  body: string | undefined,
): string | undefined {
  const { success } = responsesFor(route.id);
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    return `${route.id} answered ${statusCode} with a body that is not JSON`;
  }
  if (statusCode >= 400) {
    const code = (json as { error?: { code?: unknown } } | undefined)?.error?.code;
    return typeof code === 'string' && code in ERROR_CODES
      ? undefined
      : `${route.id} answered ${statusCode} without a known error code`;
  }
  if (statusCode !== success.status)
    return `${route.id} answered ${statusCode}, where the contract says ${success.status}`;
  if (!success.body)
    return json === undefined ? undefined : `${route.id} answered a body with its ${statusCode}`;
  const parsed = z.safeParse(success.body, json);
  if (!parsed.success)
    return `${route.id}'s answer does not match its schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  return JSON.stringify(canonical(parsed.data)) === JSON.stringify(canonical(json))
    ? undefined
    : `${route.id}'s answer has fields its schema does not describe: ${body}`;
}
