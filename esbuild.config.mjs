// Builds the browser bundles the service serves: widget.js (ES module) and widget.iife.js (classic
// script), minified with source maps. `node esbuild.config.mjs` builds once; import { build } to reuse.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The browser entry points: name → source. */
export const ENTRIES = {
  widget: 'widget/index.ts',
};

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  // Evergreen browsers of the last ~3 years; Lit 3 needs ES2021.
  target: ['chrome109', 'firefox115', 'safari16'],
  legalComments: 'none',
  logLevel: 'warning',
  tsconfig: 'tsconfig.json',
  define: { 'process.env.NODE_ENV': '"production"' },
  // The IIFE build finds its origin through document.currentScript instead (widget/shared/script-origin.ts).
  logOverride: { 'empty-import-meta': 'silent' },
};

/** Builds every bundle into `outdir` (default dist/). */
export async function build({ outdir = 'dist' } = {}) {
  await Promise.all(
    Object.entries(ENTRIES).flatMap(([name, entry]) => [
      esbuild.build({ ...common, entryPoints: { [name]: entry }, format: 'esm', outdir }),
      esbuild.build({ ...common, entryPoints: { [`${name}.iife`]: entry }, format: 'iife', outdir }),
    ]),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build();
  console.log('built dist/');
}
