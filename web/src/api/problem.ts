import type { components } from './schema';

/** Every error code the API can answer (from the OpenAPI document). */
export type ErrorCode = components['schemas']['ErrorCode'];

/**
 * What went wrong with a call, as the screens need it: the API's code (or NETWORK when nothing came
 * back), and the numbers some codes carry. The English `message` of the API is never shown: the screens
 * translate `code`.
 */
export interface Problem {
  readonly code: ErrorCode | 'NETWORK' | 'UNKNOWN';
  readonly status: number;
  readonly attemptsRemaining?: number;
  /** Seconds, from the body's `retryAfter` or the Retry-After header. */
  readonly retryAfter?: number;
  readonly reason?: string;
}

type ErrorBody = components['schemas']['Error'];

const isErrorBody = (value: unknown): value is ErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { error?: { code?: unknown } }).error?.code === 'string';

/** The Problem of an answer that was not a success. */
export function problemOf(body: unknown, response: Response | undefined): Problem {
  const status = response?.status ?? 0;
  if (!isErrorBody(body)) return { code: status === 0 ? 'NETWORK' : 'UNKNOWN', status };
  const { code, attemptsRemaining, retryAfter, reason } = body.error;
  const header = Number(response?.headers.get('Retry-After'));
  return {
    code,
    status,
    attemptsRemaining,
    retryAfter: retryAfter ?? (Number.isFinite(header) && header > 0 ? header : undefined),
    reason,
  };
}

export const networkProblem: Problem = { code: 'NETWORK', status: 0 };
