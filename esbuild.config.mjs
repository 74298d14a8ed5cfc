// Builds the browser bundles the service serves: widget.js (ES module) and widget.iife.js (classic
// script), minified with source maps, plus one small ES module per extra locale (widget.<tag>.js), loaded
// only by pages that ask for that locale; and the servers as plain JavaScript for Node (dist/server/).
// `node esbuild.config.mjs` builds once; import { build } to reuse, { buildIfStale } to skip a current build.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The browser entry points: name → source. Each is built as an ES module; those in CLASSIC_SCRIPTS also
 * as an IIFE (`<name>.iife.js`) for partner pages that cannot load modules. The editor is served only by
 * our own page, as a module.
 */
export const ENTRIES = {
  widget: 'widget/index.ts',
  editor: 'widget/editor/index.ts',
};

const CLASSIC_SCRIPTS = new Set(['widget']);

/** Locales shipped as their own files (widget/i18n/catalogue.ts imports them lazily): tag → source. */
export const LOCALE_ENTRIES = {
  'zh-CN': 'widget/i18n/locales/zh-CN.ts',
};

/**
 * Parts only some pages use, shipped as their own files beside widget.js and imported on first use:
 * name → source. The source's own dynamic `import('./<file>.js')` becomes `import('./widget.<name>.js')`.
 */
export const LAZY_ENTRIES = {
  live: 'widget/backend/live-backend.ts',
  manager: 'widget/consent-manager/manager-view.ts',
  floating: 'widget/info-popover/position.ts',
  modal: 'widget/loader/modal.ts',
};

/** The file beside the bundle that a lazy `import('<specifier>')` in widget/ loads, if it is one. */
function lazyFileFor(specifier) {
  const locale = /^\.\/locales\/([A-Za-z-]+)\.js$/.exec(specifier)?.[1];
  if (locale) return LOCALE_ENTRIES[locale] ? `widget.${locale}.js` : undefined;
  const name = Object.keys(LAZY_ENTRIES).find((key) => `./${LAZY_ENTRIES[key].split('/').pop().replace(/\.ts$/, '.js')}` === specifier);
  return name ? `widget.${name}.js` : undefined;
}

/**
 * A lazy `import('./position.js')` (or `'./locales/zh-CN.js'`) stays an `import()` of its file beside the
 * bundle, `./widget.floating.js`, which the module build resolves against its own URL (import.meta).
 */
const lazyBesideBundle = {
  name: 'lazy-beside-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\//, namespace: 'file' }, (args) => {
      const file = args.kind === 'dynamic-import' ? lazyFileFor(args.path) : undefined;
      return file ? { path: `./${file}`, external: true } : undefined;
    });
  },
};

/** The classic build's banner defines this: a lazy file's absolute URL, beside the script. */
const CLASSIC_ASSET_URL = '__lazyUrl';

/**
 * Transforms widget/ sources as they load: minifies the CSS inside Lit's css`` templates (esbuild leaves
 * template text alone). For the classic build, also turns each lazy `import('./x.js')` into an import of
 * the file's absolute URL: a classic script loaded from another origin (the partner's page) has no base
 * URL for a relative import() ("about:blank … CORS-cross-origin script"), so the lazy files never loaded.
 */
function widgetSources({ classic = false } = {}) {
  return {
    name: 'widget-sources',
    setup(build) {
      build.onLoad({ filter: /widget[\\/].*\.ts$/ }, async (args) => {
        let source = await readFile(args.path, 'utf8');
        const blocks = [...source.matchAll(/css`([^`$\\]*)`/g)].reverse();
        for (const block of blocks) {
          // charset utf8: escaped non-ASCII (\2026) is an invalid escape in a tagged template, and Lit would drop the sheet.
          const { code } = await esbuild.transform(block[1], { loader: 'css', minify: true, charset: 'utf8' });
          source = `${source.slice(0, block.index)}css\`${code.trim()}\`${source.slice(block.index + block[0].length)}`;
        }
        if (classic) {
          source = source.replace(/(?<!typeof )import\('(\.\/[^']+\.js)'\)/g, (call, specifier) => {
            const file = lazyFileFor(specifier);
            return file ? `import(${CLASSIC_ASSET_URL}(${JSON.stringify(file)}))` : call;
          });
        }
        return { contents: source, loader: 'ts' };
      });
    },
  };
}

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  // Evergreen browsers of the last ~3 years; Lit 3 needs ES2021.
  target: ['chrome109', 'firefox115', 'safari16'],
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
  tsconfig: 'tsconfig.json',
  define: { 'process.env.NODE_ENV': '"production"' },
  // The IIFE build finds its origin through document.currentScript instead (widget/shared/script-origin.ts).
  logOverride: { 'empty-import-meta': 'silent' },
  plugins: [lazyBesideBundle, widgetSources()],
};

/**
 * The classic-script build (`<name>.iife.js`): the module build's code, without exports, in a function
 * scope. Not esbuild's `format: 'iife'`, which adds CommonJS interop helpers for the lazy files'
 * `import()` that it never calls (~300 B gzipped). `import.meta` cannot appear in a classic script; the
 * code reads `document.currentScript` there instead (widget/shared/script-origin.ts), and so does the
 * banner's helper that makes the lazy files' URLs absolute (see widgetSources).
 */
function buildClassic(name, entry, outdir) {
  return esbuild.build({
    ...common,
    stdin: { contents: `import './${entry.split('/').pop()}';`, resolveDir: entry.split('/').slice(0, -1).join('/'), sourcefile: `${name}.iife.ts`, loader: 'ts' },
    format: 'esm',
    plugins: [lazyBesideBundle, widgetSources({ classic: true })],
    banner: { js: `"use strict";(()=>{var ${CLASSIC_ASSET_URL}=(b=>f=>new URL(f,b).href)(document.currentScript?.src||location.href);` },
    footer: { js: '})();' },
    define: { ...common.define, 'import.meta.url': 'undefined' },
    outfile: `${outdir}/${name}.iife.js`,
  });
}

/**
 * The servers, for `node dist/server/service.js` in production: our TypeScript compiled and bundled into one
 * file each, node_modules left as imports (better-sqlite3 is native, and a deployment installs them anyway).
 */
export const SERVER_ENTRIES = {
  service: 'service/main.ts',
  'data-holder': 'data-holder/main.ts',
};

function buildServers(outdir) {
  return esbuild.build({
    absWorkingDir: root,
    entryPoints: SERVER_ENTRIES,
    outdir: `${outdir}/server`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    tsconfig: 'tsconfig.json',
  });
}

/** Builds every bundle into `outdir` (default dist/). */
export async function build({ outdir = 'dist' } = {}) {
  await Promise.all([
    buildServers(outdir),
    ...Object.entries(ENTRIES).flatMap(([name, entry]) => [
      esbuild.build({ ...common, entryPoints: { [name]: entry }, format: 'esm', outdir }),
      ...(CLASSIC_SCRIPTS.has(name) ? [buildClassic(name, entry, outdir)] : []),
    ]),
    ...Object.entries({ ...LOCALE_ENTRIES, ...LAZY_ENTRIES }).map(([name, entry]) =>
      esbuild.build({ ...common, entryPoints: { [`widget.${name}`]: entry }, format: 'esm', outdir }),
    ),
  ]);
}

/** What the build reads: our sources (not tests), the build's own config and the locked dependencies. */
const BUILD_INPUTS = ['schema', 'widget', 'service', 'data-holder', 'esbuild.config.mjs', 'tsconfig.json', 'package-lock.json'];
const STAMP = '.build-inputs';

function* inputFiles(path) {
  const full = join(root, path);
  if (!existsSync(full)) return;
  if (!statSync(full).isDirectory()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.test\.ts$/.test(entry.name)) continue;
    yield relative(root, join(entry.parentPath ?? entry.path, entry.name));
  }
}

/** A hash of every input's path and content: unlike mtimes, unchanged by a fresh checkout or a copy. */
export function inputsHash(inputs = BUILD_INPUTS) {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => [...inputFiles(input)]).sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

/**
 * Builds unless `outdir` already holds a build of these very inputs (the hash it recorded matches and the
 * entry files are there): `npm start` then starts at once. Returns whether it built.
 */
export async function buildIfStale({ outdir = 'dist', inputs = BUILD_INPUTS } = {}) {
  const stamp = join(root, outdir, STAMP);
  const expected = inputsHash(inputs);
  const outputs = ['widget.js', 'widget.iife.js', 'editor.js', 'server/service.js', 'server/data-holder.js'];
  const current = existsSync(stamp) && readFileSync(stamp, 'utf8') === expected && outputs.every((file) => existsSync(join(root, outdir, file)));
  if (current) return false;
  // Gone while building: a build stopped half-way must not pass for a current one.
  rmSync(stamp, { force: true });
  await build({ outdir });
  writeFileSync(stamp, expected);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build();
  // A full build is also a current one for `npm start`.
  writeFileSync(join(root, 'dist', STAMP), inputsHash());
  console.log('built dist/ (browser bundles, and dist/server/ for node)');
}
