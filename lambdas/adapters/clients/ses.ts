import { SESClient } from '@aws-sdk/client-ses';
import { once, recorded } from './record';

export const sesClient = /* @__PURE__ */ once(() => recorded('SES', new SESClient({})));
