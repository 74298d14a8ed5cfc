// First-paint bench (issue 4): time from the widget script starting to execute to the first journey
// step painted, in Chromium, median of 20 cold loads (a fresh browser context each: empty caches).
// Three pages, interleaved: a bare Lit dialog (the baseline, measured in the same run), the journey with
// its config inline (the `config` property) and with its config fetched from the service.
// Start: the `consent-ui:start` mark the bundle sets first thing. Painted: a frame after consent-ready.
import * as esbuild from 'esbuild';
import { build } from '../esbuild.config.mjs';
import { launchBrowser } from '../e2e/support/browser.ts';
import { startServer } from '../e2e/support/server.ts';

const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const TARGET_INLINE_MS = 40;

/**
 * Records the time from the start mark to the frame after `consent-ready` (classic script, runs first)
 * and reports it as a console message. A console message, not a value polled with waitForFunction:
 * polling makes Playwright compile its injected script in the page (10–14 ms on these machines), and
 * when that lands between the frame and the timer it is counted as the widget's time — for a page
 * that paints after the page's load event (when `goto` returns), not for one that paints before it.
 */
const LISTEN = `document.addEventListener('consent-ready', () => requestAnimationFrame(() => setTimeout(() => {
  const start = performance.getEntriesByName('consent-ui:start')[0];
  console.debug('first-paint', start ? performance.now() - start.startTime : -1);
})), { once: true });`;

/**
 * A bare Lit dialog: a heading, a paragraph and a button, with the same start mark and ready event.
 * The mark is its own first module, as in widget.js (widget/shared/start-mark.ts): imports are hoisted,
 * so a mark written above `import … from 'lit'` would run after Lit had been evaluated.
 */
const START_MARK = `performance.mark('consent-ui:start');`;
const BARE_LIT = `import './start-mark.js';
import { LitElement, html, css } from 'lit';
class BareDialog extends LitElement {
  static styles = css\`:host{display:block;max-width:480px;margin:auto;padding:24px;font-family:system-ui;border-radius:12px;background:#fff}\`;
  render() { return html\`<div role="dialog" aria-label="Connect"><h2>Connect your bank</h2><p>Securely share your banking data.</p><button>Continue</button></div>\`; }
  firstUpdated() { this.dispatchEvent(new CustomEvent('consent-ready', { bubbles: true, composed: true })); }
}
customElements.define('bare-dialog', BareDialog);`;

const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script src="/bench/listen.js"></script></head><body>${body}</body></html>`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

await build();
const startMarkModule = { name: 'start-mark', setup: (b) => {
  b.onResolve({ filter: /^\.\/start-mark\.js$/ }, () => ({ path: 'start-mark', namespace: 'bench' }));
  b.onLoad({ filter: /.*/, namespace: 'bench' }, () => ({ contents: START_MARK, loader: 'js' }));
} };
const bare = await esbuild.build({ stdin: { contents: BARE_LIT, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'esm', write: false, target: ['chrome109'], plugins: [startMarkModule] });
if (bare.outputFiles[0].text.indexOf('consent-ui:start') > bare.outputFiles[0].text.indexOf('customElements')) throw new Error('the bare start mark must run before Lit');
const server = await startServer();
const browser = await launchBrowser();
const config = await (await fetch(`${server.url}/v1/apps/demo/config`)).json();

const PAGES = {
  'bare Lit dialog': page('<bare-dialog></bare-dialog><script type="module" src="/bench/bare.js"></script>'),
  'journey, config inline': page('<consent-journey preview></consent-journey><script type="module" src="/bench/inline.js"></script>'),
  'journey, config fetched': page('<consent-journey app="demo" preview></consent-journey><script type="module" src="/widget.js"></script>'),
};
const FILES = {
  '/bench/listen.js': LISTEN,
  '/bench/bare.js': bare.outputFiles[0].text,
  // The page's own module sets the config before the element's first update.
  '/bench/inline.js': `import '/widget.js';\ndocument.querySelector('consent-journey').config = ${JSON.stringify(config)};`,
};

async function load(html) {
  const context = await browser.newContext();
  await context.route(`${server.url}/bench/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/bench/page') return route.fulfill({ contentType: 'text/html', body: html });
    return route.fulfill({ contentType: 'text/javascript', body: FILES[path] ?? '' });
  });
  const tab = await context.newPage();
  const reported = tab.waitForEvent('console', { predicate: (message) => message.text().startsWith('first-paint'), timeout: 10_000 });
  await tab.goto(`${server.url}/bench/page`);
  const ms = await (await reported).args()[1].jsonValue();
  await context.close();
  if (ms < 0) throw new Error('no consent-ui:start mark');
  return ms;
}

const results = Object.fromEntries(Object.keys(PAGES).map((name) => [name, []]));
try {
  for (const html of Object.values(PAGES)) await load(html); // warm the browser process, not the pages
  for (let i = 0; i < LOADS; i++) {
    for (const [name, html] of Object.entries(PAGES)) results[name].push(await load(html));
  }
} finally {
  await browser.close();
  await server.stop();
}

console.log(`first step painted after script execution starts, Chromium, median of ${LOADS} cold loads:`);
for (const [name, values] of Object.entries(results)) {
  console.log(`  ${name.padEnd(26)} ${median(values).toFixed(1).padStart(6)} ms   (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`);
}
const inline = median(results['journey, config inline']);
// The issue's own figures put the target at 40 ms where a bare Lit dialog paints in ~32 ms: 1.25×.
// This machine's frame timing moves both by tens of ms between runs, so the ratio is the steadier figure.
console.log(`ratio inline / bare Lit: ${(inline / median(results['bare Lit dialog'])).toFixed(2)} (the issue's figures: 40 / 32 = 1.25)`);
console.log(`target with the config inline: ≤ ${TARGET_INLINE_MS} ms → ${inline <= TARGET_INLINE_MS ? 'met' : 'NOT met'} (${inline.toFixed(1)} ms; bare Lit ${median(results['bare Lit dialog']).toFixed(1)} ms in this run)`);
