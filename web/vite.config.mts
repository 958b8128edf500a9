import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app (Preact, TypeScript). Vite's own JSX transform (Oxc) with Preact's automatic runtime: no
 * plugin. `npm start` and `cdk synth` build it when it is missing or stale (scripts/web-build.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Modern browsers only; no inline polyfill, so the CSP needs no 'unsafe-inline' for scripts.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
