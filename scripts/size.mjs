// `npm run size`: builds the bundles into a temp folder and checks widget.js with Lit and floating-ui
// against its budget, gzipped: widget.js plus widget.floating.js, the floating-ui file every page with a
// journey fetches once it has painted. Also reports the classic build and the files only some pages
// load (the live backend, the manager, the ConsentUI dialog, extra locales).
// scripts/size.test.ts runs the same check in `npm test`.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from '../esbuild.config.mjs';

/**
 * widget.js, Lit and floating-ui included, gzipped: 30 KB at first, 34 KB since the journey became a
 * state machine that survives reloads and remounts (docs/decisions/bank-return.md).
 */
export const BUDGET_BYTES = 34 * 1024;

/**
 * What the budget covers, gzipped: widget.js and the floating-ui file it loads for every journey, and
 * likewise the classic build (widget.iife.js) with that same file.
 */
export function budgeted(files) {
  const gzip = (name) => files.find((f) => f.name === name)?.gzip ?? Number.NaN;
  return {
    module: gzip('widget.js') + gzip('widget.floating.js'),
    classic: gzip('widget.iife.js'),
    classicWithFloating: gzip('widget.iife.js') + gzip('widget.floating.js'),
  };
}

/** Builds fresh bundles and returns each file's raw and gzipped size (default gzip level, as servers use). */
export async function measure() {
  const outdir = mkdtempSync(join(tmpdir(), 'consent-ui-size-'));
  try {
    await build({ outdir });
    return readdirSync(outdir)
      .filter((name) => name.endsWith('.js'))
      .sort()
      .map((name) => {
        const body = readFileSync(join(outdir, name));
        return { name, bytes: body.length, gzip: gzipSync(body).length };
      });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = await measure();
  for (const f of files) console.log(`${f.name.padEnd(20)} ${kb(f.bytes).padStart(9)} raw  ${kb(f.gzip).padStart(8)} gzip`);
  const { module, classic, classicWithFloating } = budgeted(files);
  const ok = module <= BUDGET_BYTES && classicWithFloating <= BUDGET_BYTES;
  console.log(`widget.js + widget.floating.js: ${module} B gzip · widget.iife.js + widget.floating.js: ${classicWithFloating} B (widget.iife.js alone ${classic} B) · budget ${BUDGET_BYTES} B → ${ok ? 'ok' : 'OVER'}`);
  process.exit(ok ? 0 : 1);
}
