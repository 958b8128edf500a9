/**
 * What Amazon Cognito refuses and cognito-local lets through, enforced in front of cognito-local's router
 * so that the local stack and its tests see what AWS does (the app client's settings are the deployed
 * client's, compared with the synthesized template by test/infra/local-parity.test.ts):
 *
 * - an auth flow the app client does not list in ExplicitAuthFlows → InvalidParameterException
 *   ("USER_PASSWORD_AUTH flow not enabled for this client"), on InitiateAuth and AdminInitiateAuth alike;
 * - with a user's own access token (UpdateUserAttributes, DeleteUserAttributes), an attribute outside the
 *   client's WriteAttributes → NotAuthorizedException ("A client attempted to write unauthorized attribute").
 *
 * Admin* calls are authorized by IAM in AWS, not by the app client, so they pass as they would there.
 */
export interface GuardedClient {
  readonly ExplicitAuthFlows?: readonly string[];
  readonly WriteAttributes?: readonly string[];
}

/** Cognito's flows of an app client created without ExplicitAuthFlows. */
export const DEFAULT_AUTH_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** The ExplicitAuthFlows entry that lets an AuthFlow through. */
export function allowanceFor(authFlow: string): string {
  if (authFlow === 'REFRESH_TOKEN') return 'ALLOW_REFRESH_TOKEN_AUTH';
  if (authFlow === 'ADMIN_NO_SRP_AUTH') return 'ALLOW_ADMIN_USER_PASSWORD_AUTH';
  return `ALLOW_${authFlow}`;
}

/** The claims of a JWT, unverified (cognito-local verifies the token itself). */
function jwtPayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export class CognitoRefusal extends Error {
  constructor(
    readonly code: 'InvalidParameterException' | 'NotAuthorizedException',
    message: string,
  ) {
    super(message);
  }
}

/** The refusal AWS would answer for this call, or undefined to let it through. */
export async function refusal(
  target: string,
  body: Record<string, unknown>,
  clientById: (clientId: string) => Promise<GuardedClient | undefined>,
): Promise<CognitoRefusal | undefined> {
  if (target === 'InitiateAuth' || target === 'AdminInitiateAuth') {
    const flow = String(body.AuthFlow ?? '');
    if (target === 'InitiateAuth' && flow.startsWith('ADMIN_'))
      return new CognitoRefusal('InvalidParameterException', 'Initiate Auth method not supported.');
    const client = await clientById(String(body.ClientId ?? ''));
    if (!client) return undefined; // cognito-local answers the unknown client itself
    const allowed = client.ExplicitAuthFlows?.length ? client.ExplicitAuthFlows : DEFAULT_AUTH_FLOWS;
    if (!allowed.includes(allowanceFor(flow)))
      return new CognitoRefusal('InvalidParameterException', `${flow} flow not enabled for this client`);
    return undefined;
  }
  if (target === 'UpdateUserAttributes' || target === 'DeleteUserAttributes') {
    let clientId: unknown;
    try {
      clientId = jwtPayload(String(body.AccessToken ?? '')).client_id;
    } catch {
      return undefined; // cognito-local refuses a token it cannot read
    }
    const client = typeof clientId === 'string' ? await clientById(clientId) : undefined;
    if (!client?.WriteAttributes?.length) return undefined; // no list: every attribute is writable
    const names =
      target === 'UpdateUserAttributes'
        ? ((body.UserAttributes as { Name?: string }[] | undefined) ?? []).map((a) => String(a.Name))
        : ((body.UserAttributeNames as string[] | undefined) ?? []).map(String);
    if (names.some((name) => !client.WriteAttributes!.includes(name)))
      return new CognitoRefusal(
        'NotAuthorizedException',
        'A client attempted to write unauthorized attribute',
      );
  }
  return undefined;
}

type Route = (ctx: unknown, body: Record<string, unknown>) => Promise<unknown>;

/**
 * cognito-local's router with the refusals above in front of it. `toCognitoError` turns a refusal into
 * cognito-local's own error type, which its server renders as `{"__type": code, "message"}` with a 400.
 */
export function guardedRouter(
  router: (target: string) => Route,
  clientById: (ctx: unknown, clientId: string) => Promise<GuardedClient | undefined>,
  toCognitoError: (refused: CognitoRefusal) => Error,
): (target: string) => Route {
  return (target) => {
    const route = router(target);
    return async (ctx, body) => {
      const refused = await refusal(target, body ?? {}, (id) => clientById(ctx, id));
      if (refused) throw toCognitoError(refused);
      return route(ctx, body);
    };
  };
}
