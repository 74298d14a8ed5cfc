import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemClock } from '../service/clock.js';
import { eventLog, newPartner, type Partner } from './support/partner.js';
import { signInAtBank } from './support/sandbox-bank.js';
import { browser, server, useLiveService } from './support/live-service.js';

// Moving around the journey on a partner's page: the browser's Back, the widget's Back, focus, and what
// the end user reads at the end.
useLiveService({ clock: systemClock });
const partners: Partner[] = [];
afterAll(async () => {
  await Promise.all(partners.map((p) => p.stop()));
});

async function onPartnerPage() {
  const p = await newPartner(server);
  partners.push(p);
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(p.url);
  return { p, context, page, journey: page.locator('consent-journey') };
}

const stepOf = (page: Page) => page.locator('consent-journey .step').getAttribute('data-step');
/** Whether focus is inside the journey (never on the page's <body>). */
const focusInJourney = (page: Page) => page.evaluate(() => document.activeElement?.tagName === 'CONSENT-JOURNEY' && !!document.activeElement.shadowRoot?.activeElement);

describe('navigating the journey', () => {
  it('the browser’s Back goes to the previous step and never leaves the partner’s page from step 3; the bank search is kept', async () => {
    const { p, context, page, journey } = await onPartnerPage();
    await journey.locator('[data-action=continue]').click();
    await journey.locator('[data-action=agree]').click();
    await journey.locator('#institution-search').fill('sandbox');
    await journey.locator('.institution[data-id=sandbox-bank]').click();
    await journey.locator('[data-action=handoff]').waitFor();

    await page.goBack();
    expect(await stepOf(page)).toBe('institution');
    expect(await journey.locator('#institution-search').inputValue(), 'the search is kept').toBe('sandbox');
    await page.goBack();
    expect(await stepOf(page)).toBe('consent');
    expect(page.url(), 'still the partner’s page').toBe(`${p.url}/`);
    await page.goBack();
    expect(await stepOf(page)).toBe('intro');
    expect(page.url()).toBe(`${p.url}/`);
    expect((await eventLog(page, 'consent-step').allTextContents()).map((t) => JSON.parse(t.replace('consent-step ', '')).step)).toEqual(['intro', 'consent', 'institution', 'authenticate', 'institution', 'consent', 'intro']);

    // The browser's Forward does not agree for the end user: agreeing takes their own click (Rule 4.11).
    await page.goForward();
    expect(await stepOf(page)).toBe('intro');
    // The widget's own Back from the bank step also keeps the search.
    await journey.locator('[data-action=continue]').click();
    await journey.locator('[data-action=agree]').click();
    await journey.locator('#institution-search').fill('sandbox');
    await journey.locator('.institution[data-id=sandbox-bank]').click();
    await journey.locator('[data-action=back]').click();
    expect(await journey.locator('#institution-search').inputValue()).toBe('sandbox');
    await context.close();
  }, 60_000);

  it('focus stays in the journey when the bank opens in a popup, and on the heading after Leave', async () => {
    const { context, page, journey } = await onPartnerPage();
    await journey.locator('[data-action=continue]').click();
    await page.evaluate(() => document.querySelector('consent-journey')!.setAttribute('handoff', 'popup'));
    await journey.locator('[data-action=agree]').click();
    await journey.locator('.institution[data-id=sandbox-bank]').click();
    await journey.locator('[data-action=handoff]').focus();
    const [bank] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await journey.locator('.notice', { hasText: 'Finish in the Sandbox Bank window' }).waitFor();
    expect(await focusInJourney(page), 'focus after the popup opened').toBe(true);
    await bank.close();
    await journey.locator('.notice', { hasText: 'was closed before you finished' }).waitFor();
    expect(await focusInJourney(page), 'focus after the popup closed').toBe(true);

    await journey.locator('[part=exit]').focus();
    await page.keyboard.press('Enter');
    await journey.locator('[part=title]', { hasText: 'Leave without connecting?' }).waitFor();
    expect(await focusInJourney(page)).toBe(true);
    await journey.locator('[data-action=leave]').focus();
    await page.keyboard.press('Enter');
    await journey.locator('[part=title]', { hasText: 'You left without connecting' }).waitFor();
    expect(await page.evaluate(() => document.querySelector('consent-journey')!.shadowRoot!.activeElement?.getAttribute('part'))).toBe('title');
    await context.close();
  }, 60_000);

  it('the success step lists the accounts that were shared', async () => {
    const { context, page, journey } = await onPartnerPage();
    await journey.locator('[data-action=continue]').click();
    await journey.locator('[data-action=agree]').click();
    await journey.locator('.institution[data-id=sandbox-bank]').click();
    await journey.locator('[data-action=handoff]').click();
    await signInAtBank(page);
    await page.click('button[type=submit]:has-text("Authorise")');
    await journey.locator('[part=title]', { hasText: 'You are connected' }).waitFor({ timeout: 30_000 });
    expect(await journey.locator('.accounts li').allTextContents()).toEqual(['Everyday Account xxxx5678']);
    await context.close();
  }, 60_000);
});
