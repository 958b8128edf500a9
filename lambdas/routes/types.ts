import type { ZodMiniType } from 'zod/mini';

/**
 * What one HTTP route is: method, path, who may call it and the shape of its body. The CDK stack (one
 * Lambda per route), the local gateway and the API description are all generated from these tables.
 *
 * auth: 'none' = public; 'user' = any valid, unrevoked id token; 'admin' = such a token whose role is
 * admin (the handler still checks that the path's account is the caller's).
 */
export type RouteAuth = 'none' | 'user' | 'admin';

/** The capability a route belongs to: names the folder of its handler and of its use cases. */
export type Capability = 'platform' | 'sign-in' | 'onboarding' | 'profile' | 'phone' | 'factors' | 'admin';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  /** Stable id: names the Lambda and the handler file `lambdas/handlers/<capability>/<id>.ts`. */
  readonly id: string;
  readonly capability: Capability;
  readonly method: HttpMethod;
  readonly path: string;
  readonly auth: RouteAuth;
  readonly body?: ZodMiniType;
  readonly description: string;
}

/** Largest request body accepted, in bytes (also enforced by the local gateway). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Keeps each table's literal keys and ids, so a missing handler, grant or schema fails to compile. */
export const defineRoutes = <const T extends Record<string, RouteDefinition>>(table: T): T => table;
