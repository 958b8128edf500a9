/**
 * CORS for browser frontends: an allowlist of exact origins (CORS_ALLOWED_ORIGINS). An origin not on the
 * list gets no CORS headers at all, so the browser blocks the response.
 */
export function corsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (!origin || !allowed.includes(origin.replace(/\/+$/, '')))
    return allowed.length > 0 ? { Vary: 'Origin' } : {};
  // Retry-After tells a frontend when "Resend code" works again; browsers hide it unless exposed.
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After',
    Vary: 'Origin',
  };
}

/** What a preflight (OPTIONS) answers for an allowed origin. */
export function preflightHeaders(
  origin: string | undefined,
  allowed: readonly string[],
  methods: readonly string[],
) {
  const base = corsHeaders(origin, allowed);
  if (!base['Access-Control-Allow-Origin']) return base;
  return {
    ...base,
    'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(', '),
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  };
}

export const requestOrigin = (
  headers: Record<string, string | undefined> | null | undefined,
): string | undefined => Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'origin')?.[1];
