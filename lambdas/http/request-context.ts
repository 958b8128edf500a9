import { AsyncLocalStorage } from 'node:async_hooks';

/** Where the current request came from, for the audit trail, without threading it through every call. */
export interface RequestOrigin {
  readonly sourceIp: string;
  readonly userAgent: string;
}

const storage = new AsyncLocalStorage<RequestOrigin>();

export const withRequestOrigin = <T>(origin: RequestOrigin, run: () => Promise<T>): Promise<T> =>
  storage.run(origin, run);

/** The origin of the request being served; outside a request (operator commands) it is the command line. */
export const currentOrigin = (): RequestOrigin => storage.getStore() ?? { sourceIp: 'cli', userAgent: 'cli' };
