import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { once, recorded } from './record';

export const cognitoClient = /* @__PURE__ */ once(() =>
  recorded('Cognito', new CognitoIdentityProviderClient({})),
);
