import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { routeList } from '../../lambdas/routes';

/** The API contract lives in the repository and stays complete; nothing points outside it. */
const REPO_ROOT = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(resolve(REPO_ROOT, file), 'utf8');
const trackedFiles = () =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(
      (f) => f && /\.(ts|js|json|md|sh|txt|ya?ml)$|^\.ci\//.test(f) && !f.endsWith('package-lock.json'),
    );

describe('docs/api.md', () => {
  const api = read('docs/api.md');

  test.each(routeList.map((r) => [`${r.method} ${r.path}`] as const))('documents %s', (route) => {
    expect(api).toContain(`### \`${route}\``);
  });

  test('names every error code the service can answer', () => {
    const codes = new Set<string>();
    for (const file of trackedFiles().filter((f) => /^(lambdas|lib)\/.*\.ts$/.test(f))) {
      const text = read(file);
      for (const m of text.matchAll(/ApiError\(\s*\d{3},\s*'([A-Z_]+)'/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/code: '([A-Z][A-Z_]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(20);
    expect([...codes].filter((code) => !api.includes(`\`${code}\``))).toEqual([]);
  });

  test('the README links to it as the contract', () => {
    expect(read('README.md')).toContain('[docs/api.md](docs/api.md)');
  });
});

test('nothing in the project points to the shared folder outside the repository', () => {
  const pointers = trackedFiles().filter((file) => /\.\.\/shared\b|\/work\/shared\b/.test(read(file)));
  expect(pointers).toEqual([]);
});
