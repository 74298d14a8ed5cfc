import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { addPartner } from '../../service/testing/partner.js';
import { getAt } from '../../widget/editor/config-paths.js';
import { browser, server } from './live-service.js';

/** A partner made with `addPartner`: its app id, API key and a `call` that sends that key. */
export type Partner = Awaited<ReturnType<typeof addPartner>>;

/** A partner's own server asks for an editor link with its API key; the designer only gets the URL. */
export async function editorLink(partner: Partner): Promise<string> {
  const res = await fetch(`${server.url}/v1/editor-links`, { method: 'POST', headers: { authorization: `Bearer ${partner.key}` } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { url: string }).url.replace(/^http:\/\/[^/]+/, server.url);
}

/** CSP violations, console errors and uncaught errors on a page, collected from before its first script. */
export async function watchProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`csp: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('the server responded with a status of 412') && problems.push(m.text()));
  return problems;
}

/**
 * The editor opened from a fresh link, under its strict CSP, in `context` or a new wide one (close it
 * when done); `problems` collects what went wrong on the page.
 */
export async function openEditor(partner: Partner, context?: BrowserContext): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const ctx = context ?? (await browser.newContext({ viewport: { width: 1400, height: 1000 } }));
  const page = await ctx.newPage();
  const problems = await watchProblems(page);
  const response = await page.goto(await editorLink(partner));
  expect(response!.status()).toBe(200);
  expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self';/);
  await page.locator('consent-editor h1').waitFor();
  return { page, context: ctx, problems };
}

/** Playwright's CSS pierces open shadow roots, so `#f-consent-title` finds the field inside the editor. */
export const editor = (page: Page, selector: string) => page.locator(`consent-editor ${selector}`);
export const tab = (page: Page, name: string) => page.locator('consent-editor [role=tab]', { hasText: name }).click();

/** Something inside the preview's `<consent-journey>`; `''` is the journey element itself. */
export const journey = (page: Page, selector = '') => editor(page, `consent-editor-preview consent-journey ${selector}`.trim());

/** Moves the live preview to a step with the editor's step picker, and waits until the journey shows it. */
export async function previewStep(page: Page, step: string) {
  await editor(page, 'consent-editor-preview #step').selectOption(step);
  await journey(page, `.step[data-step="${step}"]`).waitFor();
}

/** The draft the service holds, read with the partner's API key (not through the editor). */
export async function apiDraft(partner: Partner) {
  const res = await partner.call('/v1/config/draft');
  return { etag: res.headers.get('etag')!, body: (await res.json()) as { config: { consent: Record<string, unknown>; flow: Record<string, unknown> } } };
}

/** Waits until the service's draft holds `value` at `path` (autosave is throttled, so poll). */
export const draftAt = (partner: Partner, path: string) => expect.poll(async () => getAt((await apiDraft(partner)).body.config, path));
