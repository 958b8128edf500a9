import { adminRoutes } from './admin';
import { factorsRoutes } from './factors';
import { onboardingRoutes } from './onboarding';
import { phoneRoutes } from './phone';
import { platformRoutes } from './platform';
import { profileRoutes } from './profile';
import { signInRoutes } from './sign-in';
import type { RouteDefinition } from './types';

export type { Capability, HttpMethod, RouteAuth, RouteDefinition } from './types';
export { MAX_BODY_BYTES } from './types';

/**
 * The single source of truth for the HTTP API, one table per capability. The CDK stack, the local
 * gateway and the tests read the whole; a handler imports only its own capability's table.
 */
export const routes = {
  ...platformRoutes,
  ...signInRoutes,
  ...onboardingRoutes,
  ...profileRoutes,
  ...phoneRoutes,
  ...factorsRoutes,
  ...adminRoutes,
} as const;

export type RouteId = keyof typeof routes;
export type RouteIdString = (typeof routes)[RouteId]['id'];
export const routeList: readonly RouteDefinition[] = Object.values(routes);

/** Path of the handler module of a route, relative to the repository root. */
export const handlerEntry = (route: RouteDefinition): string =>
  `lambdas/handlers/${route.capability}/${route.id}.ts`;
