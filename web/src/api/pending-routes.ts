/**
 * Routes of the contract that the client is written for but that docs/openapi.json does not list yet.
 * The client treats a 404 from them as "not deployed here" and carries on without them. Delete an entry
 * once `npm run openapi` brings the route into schema.d.ts.
 */
type ErrorAnswer = {
  headers: { [name: string]: unknown };
  content: { 'application/json': { error: { code: string; message: string } } };
};

export interface PendingPaths {
  /** Design §4.1: renews the tokens of a signed-in session. */
  '/v1/auth/refresh': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': { refreshToken: string } } };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              status: 'AUTHENTICATED';
              tokens: {
                idToken: string;
                accessToken: string;
                refreshToken?: string;
                expiresIn: number;
                tokenType: 'Bearer';
              };
            };
          };
        };
        401: ErrorAnswer;
        404: ErrorAnswer;
      };
    };
    get?: never;
    put?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
