import type { Construct } from 'constructs';
import { handlerEntry, type RouteDefinition } from '../lambdas/routes';
import { BundledFunction, type BundledFunctionProps } from './bundled-function';

export interface ApiFunctionProps
  extends Omit<BundledFunctionProps, 'entry' | 'description' | 'roleDescription'> {
  readonly route: RouteDefinition;
}

/** The Lambda of one route; its role gets the route's grants from `route-grants.ts`. */
export class ApiFunction extends BundledFunction {
  constructor(scope: Construct, id: string, { route, ...props }: ApiFunctionProps) {
    super(scope, id, {
      ...props,
      entry: handlerEntry(route),
      description: `${route.method} ${route.path}: ${route.description}`,
      roleDescription: `Runs the ${route.id} route (${route.method} ${route.path})`,
    });
  }
}
