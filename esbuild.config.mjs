// Builds the browser bundles the service serves: widget.js (ES module) and widget.iife.js (classic
// script), minified with source maps, plus one small ES module per extra locale (widget.<tag>.js), loaded
// only by pages that ask for that locale. `node esbuild.config.mjs` builds once; import { build } to reuse.
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
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

const lazyBesideBundle = {
  name: 'lazy-beside-bundle',
  setup(build) {
    for (const [name, source] of Object.entries(LAZY_ENTRIES)) {
      const file = source.split('/').pop().replace(/\.ts$/, '.js');
      build.onResolve({ filter: new RegExp(`^\\./${file.replace('.', '\\.')}$`), namespace: 'file' }, (args) =>
        args.kind === 'dynamic-import' ? { path: `./widget.${name}.js`, external: true } : undefined,
      );
    }
  },
};

/**
 * `import('./locales/<tag>.js')` in the catalogue becomes `import('./widget.<tag>.js')`: the locale file
 * beside the bundle, resolved against the bundle's own URL in both the module and the classic build.
 */
const localesBesideBundle = {
  name: 'locales-beside-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/locales\/[A-Za-z-]+\.js$/ }, (args) => {
      const tag = args.path.slice('./locales/'.length, -'.js'.length);
      return LOCALE_ENTRIES[tag] ? { path: `./widget.${tag}.js`, external: true } : undefined;
    });
  },
};

/** Minifies the CSS inside Lit's css`` templates (esbuild leaves template text alone). */
const minifyLitCss = {
  name: 'minify-lit-css',
  setup(build) {
    build.onLoad({ filter: /widget[\\/].*\.ts$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      const blocks = [...source.matchAll(/css`([^`$\\]*)`/g)].reverse();
      for (const block of blocks) {
        // charset utf8: escaped non-ASCII (\2026) is an invalid escape in a tagged template, and Lit would drop the sheet.
        const { code } = await esbuild.transform(block[1], { loader: 'css', minify: true, charset: 'utf8' });
        source = `${source.slice(0, block.index)}css\`${code.trim()}\`${source.slice(block.index + block[0].length)}`;
      }
      return { contents: source, loader: 'ts' };
    });
  },
};

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
  plugins: [localesBesideBundle, lazyBesideBundle, minifyLitCss],
};

/** Builds every bundle into `outdir` (default dist/). */
export async function build({ outdir = 'dist' } = {}) {
  await Promise.all([
    ...Object.entries(ENTRIES).flatMap(([name, entry]) => [
      esbuild.build({ ...common, entryPoints: { [name]: entry }, format: 'esm', outdir }),
      ...(CLASSIC_SCRIPTS.has(name) ? [esbuild.build({ ...common, entryPoints: { [`${name}.iife`]: entry }, format: 'iife', outdir })] : []),
    ]),
    ...Object.entries({ ...LOCALE_ENTRIES, ...LAZY_ENTRIES }).map(([name, entry]) =>
      esbuild.build({ ...common, entryPoints: { [`widget.${name}`]: entry }, format: 'esm', outdir }),
    ),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build();
  console.log('built dist/');
}
