import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staticSite } from '../../../local/static-files';

/** The web app on the local API port: files, config.json, the SPA fallback, and nothing outside web/dist. */
let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'static-site-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, '.build-hash'), 'secret-ish');
  writeFileSync(join(tmpdir(), 'outside.txt'), 'outside');
  const site = staticSite({ root, runtimeConfig: { apiUrl: '' } });
  server = createServer((req, res) => {
    if (!site(req, res, new URL(req.url ?? '/', 'http://localhost'))) {
      res.writeHead(404);
      res.end('not served');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'outside.txt'), { force: true });
});

/** A raw GET (fetch would normalise `..` away before sending). */
const get = (path: string, method = 'GET') =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request(`${base}${path}`, { method }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );

test('app paths get index.html with the security headers; hashed assets are immutable', async () => {
  for (const path of ['/', '/register?invitation=abc', '/settings/security/mfa']) {
    const page = await get(path);
    expect({ path, status: page.status, body: page.body }).toEqual({
      path,
      status: 200,
      body: '<!doctype html><title>app</title>',
    });
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-cache');
  }
  const asset = await get('/assets/index-abc.js');
  expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect((await get('/assets/index-abc.js', 'HEAD')).body).toBe('');
});

test('config.json tells the app where the API is', async () => {
  const config = await get('/config.json');
  expect(JSON.parse(config.body)).toEqual({ apiUrl: '' });
  expect(config.headers['cache-control']).toBe('no-store');
});

test('a missing file, a dotfile, a path outside the folder and other methods are not served', async () => {
  for (const path of [
    '/assets/missing.js',
    '/.build-hash',
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/a%00.js',
  ])
    expect({ path, status: (await get(path)).status }).toEqual({ path, status: 404 });
  expect((await get('/', 'POST')).status).toBe(404);
});
