// `npm run size`: builds the bundles into a temp folder and checks widget.js (with Lit and floating-ui)
// against its budget, gzipped. Also reports the classic build and each lazily loaded locale file.
// scripts/size.test.ts runs the same check in `npm test`.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from '../esbuild.config.mjs';

/** The budget from issue 4: widget.js, Lit and floating-ui included, gzipped. */
export const BUDGET_BYTES = 30 * 1024;

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
  const main = files.find((f) => f.name === 'widget.js');
  const classic = files.find((f) => f.name === 'widget.iife.js');
  const over = [main, classic].filter((f) => f && f.gzip > BUDGET_BYTES);
  console.log(`budget ${kb(BUDGET_BYTES)} gzip for widget.js and widget.iife.js: ${over.length ? `OVER (${over.map((f) => f.name).join(', ')})` : 'ok'}`);
  process.exit(over.length ? 1 : 0);
}
