import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AccountMfaStack } from '../../lib/mfa-stack';
import { LOCAL_APP_CLIENT, LOCAL_USER_POOL } from '../../local/standins';
import { cdkJsonContext, type Json, resourcesOf } from './template-helpers';

/**
 * The local Cognito pool and app client (local/standins.ts, enforced by local/cognito-guard.ts) hold the
 * deployed ones' settings: a change on either side without the other fails here.
 */
const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
const template = Template.fromStack(new AccountMfaStack(app, 'Parity'));
const only = (type: string): Json => {
  const found = Object.values(resourcesOf(template, type));
  expect(found).toHaveLength(1);
  return found[0]!.Properties;
};
const pool = only('AWS::Cognito::UserPool');
const client = only('AWS::Cognito::UserPoolClient');

const MINUTES = { minutes: 1, hours: 60, days: 24 * 60 } as const;
type Unit = keyof typeof MINUTES;
/** A token lifetime in minutes, from a value and its unit (Cognito's defaults: refresh in days, others hours). */
const minutes = (value: number | undefined, unit: string | undefined, fallbackUnit: Unit) =>
  value === undefined ? undefined : value * MINUTES[(unit ?? fallbackUnit) as Unit];
const lifetimes = (c: Json) => ({
  id: minutes(c.IdTokenValidity, c.TokenValidityUnits?.IdToken, 'hours'),
  access: minutes(c.AccessTokenValidity, c.TokenValidityUnits?.AccessToken, 'hours'),
  refresh: minutes(c.RefreshTokenValidity, c.TokenValidityUnits?.RefreshToken, 'days'),
});
const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();

describe('app client', () => {
  test('auth flows: admin password and refresh only', () => {
    expect(sorted(LOCAL_APP_CLIENT.ExplicitAuthFlows)).toEqual(sorted(client.ExplicitAuthFlows));
    expect(sorted(client.ExplicitAuthFlows)).toEqual([
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
  });

  test('read and write attributes', () => {
    expect(sorted(LOCAL_APP_CLIENT.ReadAttributes)).toEqual(sorted(client.ReadAttributes));
    expect(sorted(LOCAL_APP_CLIENT.WriteAttributes)).toEqual(sorted(client.WriteAttributes));
    expect(sorted(client.WriteAttributes)).toEqual(['locale', 'name']);
  });

  test('token lifetimes', () => {
    expect(lifetimes(LOCAL_APP_CLIENT)).toEqual(lifetimes(client));
    expect(lifetimes(client)).toEqual({ id: 60, access: 60, refresh: 720 });
  });

  test('secret, revocation and user-existence errors', () => {
    expect(LOCAL_APP_CLIENT.GenerateSecret).toBe(client.GenerateSecret);
    expect(LOCAL_APP_CLIENT.EnableTokenRevocation).toBe(client.EnableTokenRevocation);
    expect(LOCAL_APP_CLIENT.PreventUserExistenceErrors).toBe(client.PreventUserExistenceErrors);
  });
});

describe('user pool', () => {
  test('password policy', () => {
    expect(LOCAL_USER_POOL.Policies.PasswordPolicy).toEqual(pool.Policies.PasswordPolicy);
  });

  test('custom attributes: names, types, mutability and bounds', () => {
    const custom = (schema: Json[]) =>
      schema
        .filter((a) => a.AttributeDataType !== undefined || a.StringAttributeConstraints !== undefined)
        .map((a) => ({
          name: a.Name,
          type: a.AttributeDataType,
          mutable: a.Mutable,
          min: a.StringAttributeConstraints?.MinLength,
          max: a.StringAttributeConstraints?.MaxLength,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    expect(custom(LOCAL_USER_POOL.Schema)).toEqual(custom(pool.Schema));
    expect(custom(pool.Schema).map((a) => a.name)).toEqual(['account_id', 'mfa_required', 'role']);
  });

  test('sign-in by email, case-insensitive', () => {
    expect(LOCAL_USER_POOL.UsernameAttributes).toEqual(pool.UsernameAttributes);
    expect(LOCAL_USER_POOL.UsernameConfiguration).toEqual(pool.UsernameConfiguration);
  });
});
