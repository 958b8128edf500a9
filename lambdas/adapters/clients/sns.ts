import { SNSClient } from '@aws-sdk/client-sns';
import { once, recorded } from './record';

export const snsClient = /* @__PURE__ */ once(() => recorded('SNS', new SNSClient({})));
