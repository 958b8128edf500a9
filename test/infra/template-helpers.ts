import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';

/** Helpers that read a synthesized template the way API Gateway and IAM will: by path, route and role. */

/** CloudFormation JSON as read from a template: untyped by nature. */
// biome-ignore lint/suspicious/noExplicitAny: template JSON has no static shape
export type Json = any;

type Resource = {
  Type: string;
  Properties: Record<string, Json>;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
type Resources = Record<string, Resource>;

/** The context of cdk.json (feature flags), so the tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const file = path.resolve(__dirname, '../../cdk.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).context ?? {};
}

export const resourcesOf = (template: Template, type: string): Resources =>
  template.findResources(type) as Resources;

const refOf = (value: Json): string | undefined => value?.Ref ?? value?.['Fn::GetAtt']?.[0];

/** Full path (`/v1/auth/login`) of every API Gateway resource, by logical id. */
export function resourcePaths(template: Template): Map<string, string> {
  const resources = resourcesOf(template, 'AWS::ApiGateway::Resource');
  const paths = new Map<string, string>();
  const resolve = (id: string): string => {
    const known = paths.get(id);
    if (known) return known;
    const { ParentId, PathPart } = resources[id].Properties;
    const parent = refOf(ParentId);
    const parentPath = parent && resources[parent] ? resolve(parent) : '';
    const full = `${parentPath}/${PathPart}`;
    paths.set(id, full);
    return full;
  };
  for (const id of Object.keys(resources)) resolve(id);
  return paths;
}

export interface MethodInfo {
  readonly key: string; // "POST /v1/auth/login"
  readonly logicalId: string;
  readonly properties: Record<string, Json>;
}

export function methods(template: Template): MethodInfo[] {
  const paths = resourcePaths(template);
  return Object.entries(resourcesOf(template, 'AWS::ApiGateway::Method')).map(([logicalId, m]) => ({
    key: `${m.Properties.HttpMethod} ${paths.get(refOf(m.Properties.ResourceId) ?? '') ?? '/'}`,
    logicalId,
    properties: m.Properties,
  }));
}

/** The Lambda of a route, found by its description `<METHOD> <path>: ...`. */
export function functionFor(template: Template, method: string, routePath: string): [string, Resource] {
  const found = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(([, f]) =>
    String(f.Properties.Description ?? '').startsWith(`${method} ${routePath}:`),
  );
  if (found.length !== 1)
    throw new Error(`expected one function for ${method} ${routePath}, found ${found.length}`);
  return found[0];
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement of every policy attached to the role of the given function. */
export function statementsOfFunction(template: Template, fn: Resource): Statement[] {
  const roleId = refOf(fn.Properties.Role);
  if (!roleId) throw new Error('function has no role reference');
  const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles ?? []).some((r: Json) => r.Ref === roleId),
  );
  const role = resourcesOf(template, 'AWS::IAM::Role')[roleId];
  const inline = (role.Properties.Policies ?? []).flatMap((p: Json) => p.PolicyDocument.Statement);
  return [...policies.flatMap((p) => p.Properties.PolicyDocument.Statement), ...inline];
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

export const allowedActions = (statements: Statement[]): Set<string> =>
  new Set(statements.filter((s) => s.Effect === 'Allow').flatMap(actionsOf));

export const roleIdOf = (fn: Resource): string | undefined => refOf(fn.Properties.Role);
