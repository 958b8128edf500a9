import { cognitoClient } from '../adapters/clients/cognito';
import { cognitoIdentity } from '../adapters/identity';
import { type Config, config } from '../config';

export const identity = (cfg: Config = config()) =>
  cognitoIdentity(cognitoClient(), cfg.USER_POOL_ID, cfg.USER_POOL_CLIENT_ID);
