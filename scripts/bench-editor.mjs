// `npm run bench` (scripts/bench.mjs runs this with `node --import tsx`): the editor's two latencies in
// Debian Chromium through playwright-core, against the real service on loopback (issue 6).
//   1. keystroke → preview painted: from the key's event in the editor to the first paint showing it
//      in the preview journey, over 100 edits after 20 unmeasured warm-up edits. Baseline in the same
//      browser: the same key in a bare <input> echoed into a <p> (the browser's own key → paint floor).
//      Target: median and p95 < 16 ms, i.e. the keystroke's work and its paint fit in one 60 Hz frame.
//      Measured twice:
//      - frames on demand (`--disable-frame-rate-limit --disable-gpu-vsync`): a frame starts as soon as
//        there is something to paint, so the figure is the time the keystroke's work and paint take.
//        This is the figure held against the target;
//      - the default 60 Hz frame clock: the figure also holds the wait for the next frame, anywhere
//        from 0 to 16.7 ms depending on when in the frame the key lands. The bare <input>'s own p95 is
//        15–18 ms here, so no editor can be under 16 ms at p95 by this measure; it is reported for
//        comparison with real displays.
//   2. editor → second window: from the editor's input event to the edit painted on /preview/{appId} in
//      another browser context (autosave PUT + Server-Sent Event), over 50 edits. Baseline in the same
//      run: a fetch round trip from the editor page. Target: median and p95 < 250 ms.
// Both pages read one machine clock (performance.timeOrigin + now), so cross-page times compare.
import { build } from '../esbuild.config.mjs';
import { launchBrowser } from '../e2e/support/browser.ts';
import { startServer } from '../e2e/support/server.ts';
import { createEditorLink, createPreviewLink } from '../service/editor/editor-tokens.ts';
import { systemClock } from '../service/clock.ts';

// Even: the edits add and remove an "x" in turn, so the draft ends as it began.
const KEY_EDITS = 2 * Math.ceil(Number(process.env.BENCH_EDITOR_KEYS ?? 100) / 2);
const WARM_UP_EDITS = 20;
const FRAMES_ON_DEMAND = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];
const SSE_EDITS = Number(process.env.BENCH_EDITOR_SSE ?? 50);
const TARGET_KEY_MS = 16;
const TARGET_SSE_MS = 250;

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const summary = (values) => ({ median: quantile(values, 0.5), p95: quantile(values, 0.95), max: Math.max(...values) });
const ms = (v) => `${v.toFixed(1)} ms`;

/**
 * In-page: resolves with the time of the first paint after `check()` holds. The check runs in each
 * animation frame (the frame that paints the change); a message posted from that frame's callback runs
 * after the frame is painted, which is when the time is read.
 */
function installPaintWatch(page) {
  // Readers are defined here, through the DevTools protocol: the editor's CSP forbids `new Function`.
  return page.evaluate(() => {
    window.__readers = {
      bare: () => document.getElementById('p')?.textContent,
      editor: () => document.querySelector('consent-editor')?.shadowRoot?.querySelector('consent-editor-preview')?.shadowRoot?.querySelector('consent-journey')?.shadowRoot?.querySelector('.brand')?.textContent,
      second: () => document.querySelector('consent-live-preview')?.shadowRoot?.querySelector('consent-journey')?.shadowRoot?.querySelector('.brand')?.textContent,
    };
    window.__paintedWhen = (reader, want) => window.__paintedWhenCheck(() => window.__readers[reader]() === want);
    window.__paintedWhenCheck = (check) =>
      new Promise((resolve) => {
        const frame = () => {
          if (!check()) return requestAnimationFrame(frame);
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
          channel.port2.postMessage(null);
        };
        requestAnimationFrame(frame);
      });
  });
}

/** Presses one key in the focused field; resolves with the ms from its keydown to the paint showing `expected`. */
async function keyToPaint(page, key, reader, expected) {
  // Listen first (and wait until the page is listening), then press: the order is then certain.
  await page.evaluate(([name, want]) => {
    window.__pending = new Promise((resolve) => {
      addEventListener('keydown', (e) => {
        const start = performance.timeOrigin + e.timeStamp;
        window.__paintedWhen(name, want).then((end) => resolve(end - start));
      }, { once: true, capture: true });
    });
  }, [reader, expected]);
  await page.keyboard.press(key);
  return page.evaluate(() => window.__pending);
}

/** Types `count` keys alternately adding and removing an "x"; each key's ms from keydown to painted. */
async function typeKeys(page, reader, text, count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const adding = i % 2 === 0;
    times.push(await keyToPaint(page, adding ? 'x' : 'Backspace', reader, adding ? `${text}x` : text));
  }
  return times;
}

/**
 * Keystroke → paint in one browser: the bare page, then the editor (entered by a new link, the preview
 * on the intro step where the brand name shows). Each after its warm-up edits (JIT, caches, first layouts).
 * Leaves the editor open and its brand field focused for the second-window part.
 */
async function keystrokes(browser, server) {
  // Baseline: a bare page (same origin, no CSP) echoing an input into a paragraph.
  const bare = await browser.newPage();
  await bare.goto(`${server.url}/healthz`);
  await bare.setContent('<input id="i"><p id="p"></p>');
  await bare.evaluate(() => document.getElementById('i').addEventListener('input', (e) => (document.getElementById('p').textContent = e.target.value)));
  await installPaintWatch(bare);
  await bare.focus('#i');
  await typeKeys(bare, 'bare', '', WARM_UP_EDITS);
  const bareTimes = await typeKeys(bare, 'bare', '', KEY_EDITS);
  await bare.close();

  const link = await createEditorLink(server.db, systemClock, 'demo', 'bench');
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/editor?link=${link.token}`);
  const field = page.locator('consent-editor #f-consent-brandName');
  await field.waitFor();
  await installPaintWatch(page);
  await field.focus();
  await page.keyboard.press('End');
  await typeKeys(page, 'editor', 'Acme Money', WARM_UP_EDITS);
  const keyTimes = await typeKeys(page, 'editor', 'Acme Money', KEY_EDITS);
  // The next part (or run) opens the editor on the saved draft: let the last edit's save land first.
  await page.waitForFunction(() => document.querySelector('consent-editor').shadowRoot.querySelector('.top > p.status')?.textContent === 'All changes saved');
  return { bareTimes, keyTimes, page, field };
}

async function main() {
  await build();
  const server = await startServer({ clock: systemClock });
  let browser;
  try {
    browser = await launchBrowser(FRAMES_ON_DEMAND);
    const onDemand = await keystrokes(browser, server);
    await browser.close();
    browser = await launchBrowser();
    const { bareTimes, keyTimes, page, field } = await keystrokes(browser, server);

    // A second window on another "device": only the preview link, no editor cookie.
    const preview = await createPreviewLink(server.db, systemClock, 'demo', 'bench');
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const second = await phone.newPage();
    await second.goto(`${server.url}/preview/demo?t=${preview.token}`);
    await second.locator('consent-journey .brand').waitFor();
    await installPaintWatch(second);
    const sseTimes = [];
    const fetchTimes = [];
    await field.focus();
    for (let i = 0; i < SSE_EDITS; i++) {
      const expected = i % 2 === 0 ? 'Acme Moneyx' : 'Acme Money';
      await second.evaluate((want) => {
        window.__pending = window.__paintedWhen('second', want);
      }, expected);
      await page.evaluate(() => {
        window.__input = new Promise((resolve) => addEventListener('input', (e) => resolve(performance.timeOrigin + e.timeStamp), { once: true, capture: true }));
      });
      await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
      const seen = second.evaluate(() => window.__pending);
      const inputAt = page.evaluate(() => window.__input);
      sseTimes.push((await seen) - (await inputAt));
      // Let autosave settle so each edit is measured from an idle editor.
      await page.waitForFunction(() => document.querySelector('consent-editor').shadowRoot.querySelector('.top > p.status')?.textContent === 'All changes saved');
      fetchTimes.push(await page.evaluate(async () => {
        const start = performance.now();
        await fetch('/editor/api/session');
        return performance.now() - start;
      }));
    }

    const key = summary(onDemand.keyTimes);
    const floor = summary(onDemand.bareTimes);
    const key60 = summary(keyTimes);
    const floor60 = summary(bareTimes);
    const sse = summary(sseTimes);
    const rtt = summary(fetchTimes);
    console.log(`keystroke → preview painted, frames on demand (${KEY_EDITS} edits): median ${ms(key.median)}, p95 ${ms(key.p95)}, max ${ms(key.max)}  (target < ${TARGET_KEY_MS} ms)`);
    console.log(`  baseline, bare <input> → <p> painted, same browser: median ${ms(floor.median)}, p95 ${ms(floor.p95)}`);
    console.log(`keystroke → preview painted, 60 Hz frame clock (with the wait for the next frame): median ${ms(key60.median)}, p95 ${ms(key60.p95)}, max ${ms(key60.max)}`);
    console.log(`  baseline, bare <input> → <p> painted, same browser: median ${ms(floor60.median)}, p95 ${ms(floor60.p95)}`);
    console.log(`editor → second window over SSE (${SSE_EDITS} edits): median ${ms(sse.median)}, p95 ${ms(sse.p95)}, max ${ms(sse.max)}  (target < ${TARGET_SSE_MS} ms)`);
    console.log(`  baseline, fetch round trip from the editor page: median ${ms(rtt.median)}, p95 ${ms(rtt.p95)}`);
    const met = key.median < TARGET_KEY_MS && key.p95 < TARGET_KEY_MS && sse.median < TARGET_SSE_MS && sse.p95 < TARGET_SSE_MS;
    console.log(met ? 'editor targets met' : 'editor targets MISSED');
    process.exitCode = met ? 0 : 1;
  } finally {
    await browser?.close();
    await server.stop();
  }
}

await main();
