/**
 * The web app's security headers, the same locally (local/static-files.ts) and from CloudFront
 * (lib/web-hosting.ts): scripts, styles and fonts from the app's own origin only, API calls to its own
 * origin and the API's, never framed (clickjacking), no referrer (invitation links carry a token).
 */
export function contentSecurityPolicy(apiOrigin?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // data: for the inline SVG arrow of selects and, later, QR codes of authenticator apps.
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${apiOrigin ? ` ${apiOrigin}` : ''}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers every page of the app carries besides the CSP (CloudFront adds HSTS from its own policy). */
export const WEB_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
