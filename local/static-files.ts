import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy, WEB_SECURITY_HEADERS } from '../lib/web-headers';

/**
 * The built web app (web/dist) on the API's port, as CloudFront serves it when deployed: files with
 * their type and cache headers, `/config.json` with the run-time settings, and `index.html` for any app
 * path without a file extension (`/register`, `/preferences`), with the same security headers.
 * Returns false for what it does not serve, so the gateway answers (404 in the API's error shape).
 */
export type SiteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function staticSite(options: { root: string; runtimeConfig: Record<string, unknown> }): SiteHandler {
  const root = normalize(options.root);
  const headers = {
    ...WEB_SECURITY_HEADERS,
    'Content-Security-Policy': contentSecurityPolicy(),
  };
  const config = Buffer.from(JSON.stringify(options.runtimeConfig));

  const fileFor = (pathname: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded.split('/').some((part) => part.startsWith('.'))) return undefined;
    const file = normalize(join(root, decoded));
    if (!file.startsWith(root + sep)) return undefined;
    return existsSync(file) && statSync(file).isFile() ? file : undefined;
  };

  return (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname === '/config.json') {
      res.writeHead(200, {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Length': config.length,
      });
      res.end(req.method === 'HEAD' ? undefined : config);
      return true;
    }
    const last = url.pathname.split('/').at(-1) ?? '';
    const file = fileFor(url.pathname) ?? (last.includes('.') ? undefined : fileFor('/index.html'));
    if (!file) return false;
    const immutable = url.pathname.startsWith('/assets/');
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  };
}
