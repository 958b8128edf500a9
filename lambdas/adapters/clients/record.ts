/**
 * Every AWS call made by this process, as "Service.Operation", when MFA_RECORD_AWS_CALLS=1 (the cost
 * model's call counter, scripts/count-aws-calls.ts). Off in Lambda: nothing is added to the clients.
 */
export const recordedAwsCalls: string[] = [];

type AnyMiddleware = (
  next: (args: unknown) => Promise<unknown>,
  context: { commandName?: string },
) => unknown;
interface Stack {
  add(middleware: AnyMiddleware, options: { step: 'initialize'; name: string }): void;
}

export function recorded<T extends { middlewareStack: unknown }>(service: string, client: T): T {
  if (process.env.MFA_RECORD_AWS_CALLS === '1') {
    (client.middlewareStack as Stack).add(
      (next, context) => (args: unknown) => {
        recordedAwsCalls.push(`${service}.${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`);
        return next(args);
      },
      { step: 'initialize', name: 'recordAwsCall' },
    );
  }
  return client;
}

/** A value made on first use and kept for the life of the process. */
export const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
};
