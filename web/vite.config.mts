import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app (Preact, TypeScript). Vite's own JSX transform (Oxc) with Preact's automatic runtime: no
 * plugin. `npm start` and `cdk synth` build it when it is missing or stale (scripts/web-build.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // Production JSX even when NODE_ENV says otherwise: no source paths or line numbers in the bundle.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
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
