import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHostPage } from './support/host-page.js';
import { browser, server, useLiveService } from './support/live-service.js';

useLiveService();

/**
 * Collects anything a strict CSP or a script error would cause: `securitypolicyviolation` events (a
 * listener installed before any page script), console errors and uncaught errors.
 */
async function watchProblems(page: Page) {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  return async () => [...problems, ...((await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])) as string[]).map((v) => `csp: ${v}`)];
}

/** The focused element's text and attributes, looking through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { text: el?.textContent?.replace(/\s+/g, ' ').trim() ?? '', action: el?.getAttribute('data-action') ?? '', id: el?.getAttribute('data-id') ?? '', tag: el?.tagName ?? '', cls: el?.className ?? '' };
  });

/** Presses Tab until the focused element matches, as a keyboard user would; fails after 40 presses. */
async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (match(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

const title = (page: Page) => page.locator('consent-journey [part=title]').textContent();

describe('the demo page journey in preview, by keyboard only, under the strict CSP', () => {
  it('goes intro → consent → institution → authenticate → progress → success with no CSP violation', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    const response = await page.goto(`${server.url}/`);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    expect(response!.headers()['content-security-policy']).not.toMatch(/unsafe-(inline|eval)/);
    const steps: string[] = [];
    await page.exposeFunction('recordStep', (step: string) => steps.push(step));
    await page.evaluate(() => document.querySelector('consent-journey')!.addEventListener('consent-step', (e) => (window as unknown as { recordStep: (s: string) => void }).recordStep(e.detail.step)));
    await expect(title(page)).resolves.toBe('Connect your bank');

    await tabTo(page, (f) => f.action === 'continue', 'Continue');
    await page.keyboard.press('Enter');
    await expect(title(page)).resolves.toBe('Acme Money is requesting your data');
    expect((await focused(page)).cls).toContain('step-heading');

    await tabTo(page, (f) => f.action === 'agree', 'I agree');
    await page.keyboard.press('Enter');
    await expect(title(page)).resolves.toBe('Choose your bank');

    await tabTo(page, (f) => f.tag === 'INPUT', 'the bank search');
    await page.keyboard.type('comm bank');
    await tabTo(page, (f) => f.id === 'cba', 'Commonwealth Bank');
    await page.keyboard.press('Enter');
    await expect(title(page)).resolves.toBe('Continue to Commonwealth Bank');
    await expect(page.locator('consent-journey .password-notice').textContent()).resolves.toContain('never ask for your banking password');

    await tabTo(page, (f) => f.action === 'handoff', 'Continue to the bank');
    await page.keyboard.press('Enter');
    await expect(title(page)).resolves.toBe('Connecting to Commonwealth Bank');
    await page.locator('consent-journey [part=title]', { hasText: 'You are connected' }).waitFor();
    await expect(page.locator('consent-journey .summary').textContent()).resolves.toContain('Transaction details');

    await tabTo(page, (f) => f.action === 'done', 'Done');
    await page.keyboard.press('Enter');
    await expect(page.locator('consent-journey .preview-note').first().textContent()).resolves.toContain('preview is finished');

    // The intro was on screen before the listener went on (its title is checked above).
    expect(steps).toEqual(['consent', 'institution', 'authenticate', 'progress', 'success']);
    expect(await problems()).toEqual([]);
    await context.close();
  });

  it('resumes on the same step after a full page reload', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('consent-journey [data-action=continue]').click();
    await page.locator('consent-journey [data-action=agree]').click();
    await page.locator('consent-journey .institution[data-id=anz]').click();
    await expect(title(page)).resolves.toBe('Continue to ANZ');
    await page.reload();
    await page.locator('consent-journey [part=title]', { hasText: 'Continue to ANZ' }).waitFor();
    await page.locator('consent-journey [data-action=back]').click();
    await expect(title(page)).resolves.toBe('Choose your bank');
    await context.close();
  });
});

describe('a partner page on another origin with script-src \'self\' {service}', () => {
  it('runs the journey from one script tag with no CSP violation', async () => {
    const csp = `default-src 'self'; script-src 'self' ${server.url}; style-src 'self'; img-src 'self' ${server.url}; connect-src 'self' ${server.url}; base-uri 'none'; object-src 'none'`;
    const host = await startHostPage({
      csp,
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
        <script type="module" src="${server.url}/widget.js"></script></head>
        <body><main><h1>Budget Buddy</h1><consent-journey app="demo" preview></consent-journey></main></body></html>`,
    });
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    try {
      await page.goto(host.url);
      await expect(title(page)).resolves.toBe('Connect your bank');
      await page.locator('consent-journey [data-action=continue]').click();
      await page.locator('consent-journey [data-action=agree]').click();
      await page.locator('consent-journey .institution[data-id=sandbox-bank]').click();
      await page.locator('consent-journey [data-action=handoff]').click();
      await page.locator('consent-journey [part=title]', { hasText: 'You are connected' }).waitFor();
      // The service origin served the script, so the element talks to it (default `service`).
      expect(await page.evaluate(() => document.querySelector('consent-journey')!.service)).toBe(server.url);
      expect(await problems()).toEqual([]);
    } finally {
      await context.close();
      await host.stop();
    }
  });

  it('runs the classic build (widget.iife.js, no modules) the same way: its lazy files load beside it, and ConsentUI opens', async () => {
    const csp = `default-src 'self'; script-src 'self' ${server.url}; style-src 'self'; img-src 'self' ${server.url}; connect-src 'self' ${server.url}; base-uri 'none'; object-src 'none'`;
    const host = await startHostPage({
      csp,
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
        <script src="${server.url}/widget.iife.js"></script></head>
        <body><main><h1>Budget Buddy</h1><consent-journey app="demo" preview></consent-journey></main></body></html>`,
    });
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    const fetched: string[] = [];
    page.on('requestfinished', (request) => fetched.push(new URL(request.url()).pathname));
    try {
      await page.goto(host.url);
      await expect(title(page)).resolves.toBe('Connect your bank');
      // The script's own origin is the default service (document.currentScript in a classic script).
      expect(await page.evaluate(() => document.querySelector('consent-journey')!.service)).toBe(server.url);
      // The info popover positions its panel with floating-ui, a file fetched beside the bundle.
      await page.locator('consent-journey consent-info-popover [part=trigger]').click();
      await expect.poll(() => page.locator('consent-journey consent-info-popover [part=panel]').evaluate((el) => (el as HTMLElement).style.transform)).toMatch(/^translate\(/);
      // The dialog's file, likewise, on the first ConsentUI.open().
      await page.evaluate(() => void (window as unknown as { ConsentUI: { open(o: object): unknown } }).ConsentUI.open({ app: 'demo', preview: true }));
      await page.locator('[data-consent-ui-modal] dialog[open] consent-journey [part=title]', { hasText: 'Connect your bank' }).waitFor();
      expect(fetched).toEqual(expect.arrayContaining(['/widget.iife.js', '/widget.floating.js', '/widget.modal.js']));
      expect(await problems()).toEqual([]);
    } finally {
      await context.close();
      await host.stop();
    }
  });

  it('a page that forbids the service origin blocks the widget, and the test can see it', async () => {
    // The control for the test above: if it could not see violations, this would pass silently.
    const host = await startHostPage({
      csp: "script-src 'self'",
      html: `<!doctype html><html><body><script type="module" src="${server.url}/widget.js"></script><consent-journey app="demo" preview></consent-journey></body></html>`,
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchProblems(page);
    try {
      await page.goto(host.url);
      await page.waitForTimeout(300);
      expect((await problems()).some((p) => p.startsWith('csp: script-src'))).toBe(true);
    } finally {
      await context.close();
      await host.stop();
    }
  });
});
