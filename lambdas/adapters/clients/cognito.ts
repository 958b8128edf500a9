import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { once, recorded } from './record';

export const cognitoClient = once(() => recorded('Cognito', new CognitoIdentityProviderClient({})));
