import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { systemClock } from '../service/clock.js';
import { eventLog, newPartner, type Partner } from './support/partner.js';
import { authoriseAtBank, signInAtBank } from './support/sandbox-bank.js';
import { browser, server, useLiveService } from './support/live-service.js';

// Every way the return from the bank can be interrupted, through the real service, the sandbox bank
// and the example partner server in Chromium: each must end on success with one consent, announced once.
useLiveService({ clock: systemClock });
const partners: Partner[] = [];
afterAll(async () => {
  await Promise.all(partners.map((p) => p.stop()));
});

async function partner() {
  const p = await newPartner(server);
  partners.push(p);
  return p;
}

const RETURNED = /consent_ui_result=res_/;
const journeyOf = (page: Page) => page.locator('consent-journey').first();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reloads like the end user's F5. Right after a cross-origin redirect lands, Chromium may still be
 * swapping the page's process, and the DevTools protocol refuses the reload once: it is asked again.
 */
async function reload(page: Page) {
  try {
    await page.reload();
  } catch (error) {
    if (!String(error).includes('Not attached to an active page')) throw error;
    await sleep(50);
    await page.reload();
  }
}

/** In the page: the journey element replaced by a new one with the same attributes (a framework's re-render). */
function replaceWithNewElement() {
  const old = document.querySelector('consent-journey')!;
  const fresh = document.createElement('consent-journey');
  for (const { name, value } of old.attributes) fresh.setAttribute(name, value);
  old.replaceWith(fresh);
}

/** On the partner's page: intro, agree, Sandbox Bank; ends on the authenticate step. */
async function toAuthenticate(context: BrowserContext, url: string, options: { popup?: boolean } = {}) {
  const page = await context.newPage();
  await page.goto(url);
  const journey = journeyOf(page);
  await journey.locator('[data-action=continue]').click();
  if (options.popup) await page.evaluate(() => document.querySelectorAll('consent-journey').forEach((el) => el.setAttribute('handoff', 'popup')));
  await journey.locator('[data-action=agree]').click();
  await journey.locator('.institution[data-id=sandbox-bank]').click();
  await journey.locator('[data-action=handoff]').waitFor();
  return page;
}

/** Through the bank in this page (redirect mode), up to the moment the partner's page is back. */
async function throughTheBank(page: Page) {
  await journeyOf(page).locator('[data-action=handoff]').click();
  await signInAtBank(page);
  // The click resolves once the form is sent; the redirects (bank → service → partner) may already have
  // landed by then, which waitForURL accepts as it stands.
  await page.click('button[type=submit]:has-text("Authorise")');
  await page.waitForURL(RETURNED, { waitUntil: 'commit' });
}

/** The outcome every interruption must end in: success on screen, one consent, one consent-granted. */
async function expectConnectedOnce(page: Page, p: Partner, label: string) {
  await journeyOf(page).locator('[part=title]', { hasText: 'You are connected' }).waitFor({ timeout: 30_000 });
  // Late events would arrive within a poll or two.
  await sleep(1200);
  expect(await eventLog(page, 'consent-granted').count(), `${label}: consent-granted on this page`).toBe(1);
  expect(await eventLog(page, 'consent-error').allTextContents(), `${label}: no consent-error`).toEqual([]);
  const consents = (await p.api(`/v1/users/${p.userId}/consents`)) as { data: { status: string }[] };
  expect(consents.data.map((c) => c.status), `${label}: consents at the service`).toEqual(['active']);
}

/** Runs `scenario` in a fresh browser context against a fresh partner, then checks the outcome. */
async function interrupted(label: string, scenario: (context: BrowserContext, p: Partner) => Promise<Page>, init?: () => void) {
  const p = await partner();
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  if (init) await context.addInitScript(init);
  try {
    const page = await scenario(context, p);
    await expectConnectedOnce(page, p, label);
  } finally {
    await context.close();
  }
}

describe('the return from the bank lands exactly once (redirect mode)', () => {
  it.each([0, 50, 150, 300, 600, 1500])('reload %i ms after the bank sends the user back', async (delay) => {
    await interrupted(`reload at ${delay} ms`, async (context, p) => {
      const page = await toAuthenticate(context, p.url);
      await throughTheBank(page);
      await sleep(delay);
      await reload(page);
      return page;
    });
  }, 60_000);

  it('reload twice in a row during the return, then once more on success', async () => {
    await interrupted('reload ×3', async (context, p) => {
      const page = await toAuthenticate(context, p.url);
      await throughTheBank(page);
      await reload(page);
      await sleep(100);
      await reload(page);
      await journeyOf(page).locator('[part=title]', { hasText: 'You are connected' }).waitFor({ timeout: 30_000 });
      await reload(page);
      return page;
    });
  }, 60_000);

  it.each([100, 800])('browser Back %i ms after the return, then Forward again', async (delay) => {
    await interrupted(`Back at ${delay} ms`, async (context, p) => {
      const page = await toAuthenticate(context, p.url);
      await throughTheBank(page);
      await sleep(delay);
      await page.goBack();
      // The bank's page for a request it has finished says so; the way on is the browser's Forward.
      await page.locator('h1', { hasText: 'Request finished' }).waitFor();
      await page.goForward();
      await page.waitForURL(RETURNED);
      return page;
    });
  }, 60_000);

  it.each([0, 150, 400])('the element replaced by a new one %i ms after the return', async (delay) => {
    await interrupted(`replaced at ${delay} ms`, async (context, p) => {
      const page = await toAuthenticate(context, p.url);
      await throughTheBank(page);
      await page.waitForFunction(() => customElements.get('consent-journey'));
      await sleep(delay);
      await page.evaluate(replaceWithNewElement);
      return page;
    });
  }, 60_000);

  it('React StrictMode-style mount → unmount → mount of the same element on return', async () => {
    await interrupted('StrictMode, same node', async (context, p) => {
      const page = await toAuthenticate(context, p.url);
      await throughTheBank(page);
      return page;
    }, () => {
      void customElements.whenDefined('consent-journey').then(() => {
        const el = document.querySelector('consent-journey')!;
        const parent = el.parentNode!;
        const next = el.nextSibling;
        el.remove();
        parent.insertBefore(el, next);
      });
    });
  }, 60_000);

  it('mount → unmount → mount of a new element on return (frameworks that re-create it)', async () => {
    await interrupted('StrictMode, new node', async (context, p) => {
      const page = await toAuthenticate(context, p.url);
      await throughTheBank(page);
      return page;
    }, () => {
      // Runs in the page: an init script cannot close over the test's functions.
      void customElements.whenDefined('consent-journey').then(() => {
        const old = document.querySelector('consent-journey')!;
        const fresh = document.createElement('consent-journey');
        for (const { name, value } of old.attributes) fresh.setAttribute(name, value);
        old.replaceWith(fresh);
      });
    });
  }, 60_000);

  it('two instances of the journey on the page when the user comes back: both succeed, one announcement', async () => {
    await interrupted('two instances', async (context, p) => {
      const page = await toAuthenticate(context, p.url);
      await throughTheBank(page);
      await page.locator('consent-journey').nth(1).locator('[part=title]', { hasText: 'You are connected' }).waitFor({ timeout: 30_000 });
      return page;
    }, () => {
      void customElements.whenDefined('consent-journey').then(() => {
        const el = document.querySelector('consent-journey')!;
        el.after(el.cloneNode(true));
      });
    });
  }, 60_000);

  it('the returned page opened again in a second tab, and a closed tab reopened', async () => {
    await interrupted('second tab, reopened tab', async (context, p) => {
      const page = await toAuthenticate(context, p.url);
      await throughTheBank(page);
      const returned = page.url();
      const second = await context.newPage();
      await second.goto(returned);
      await expectConnectedOnce(second, p, 'second tab');
      await sleep(200);
      await page.close();
      const reopened = await context.newPage();
      await reopened.goto(returned);
      return reopened;
    });
  }, 90_000);

  it('a slow network: Continue shows it is busy and a triple click starts one authorisation; a reload mid-return', async () => {
    await interrupted('slow network', async (context, p) => {
      const page = await toAuthenticate(context, p.url);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 200_000, uploadThroughput: 100_000 });
      const handoff = journeyOf(page).locator('[data-action=handoff]');
      await handoff.click();
      await expect.poll(() => handoff.getAttribute('aria-busy'), { timeout: 2000 }).toBe('true');
      await handoff.click({ force: true, noWaitAfter: true }).catch(() => {});
      await handoff.click({ force: true, noWaitAfter: true }).catch(() => {});
      await signInAtBank(page);
      const authorisations = await server.db.selectFrom('authorisations').select('id').where('user_id', '=', p.userId).execute();
      expect(authorisations, 'one authorisation for three clicks').toHaveLength(1);
      // The click resolves once the form is sent; the redirects (bank → service → partner) may already have
  // landed by then, which waitForURL accepts as it stands.
  await page.click('button[type=submit]:has-text("Authorise")');
  await page.waitForURL(RETURNED, { waitUntil: 'commit' });
      await sleep(300);
      await reload(page);
      // While it connects there is no way back to the bank step that could hide the consent.
      await journeyOf(page).locator('.step[data-step=progress]').waitFor({ timeout: 15_000 });
      expect(await journeyOf(page).locator('[data-action=back]').count()).toBe(0);
      return page;
    });
  }, 120_000);
});

describe('the return from the bank lands exactly once (popup mode)', () => {
  it('the partner page reloaded while the user is at the bank in the popup', async () => {
    await interrupted('popup, opener reloaded', async (context, p) => {
      const page = await toAuthenticate(context, p.url, { popup: true });
      const [bank] = await Promise.all([context.waitForEvent('page'), journeyOf(page).locator('[data-action=handoff]').click()]);
      await signInAtBank(bank);
      await reload(page);
      // The reloaded page no longer holds the window: it waits for it, and offers a new one.
      await journeyOf(page).locator('.notice', { hasText: 'Finish in the Sandbox Bank window' }).waitFor();
      expect(await journeyOf(page).locator('[data-action=handoff]').textContent()).toContain('Continue to Sandbox Bank');
      await bank.click('button[type=submit]:has-text("Authorise")');
      return page;
    });
  }, 60_000);

  it('the partner page reloaded, the old bank window closed: a new one finishes the journey', async () => {
    await interrupted('popup, reopened after a reload', async (context, p) => {
      const page = await toAuthenticate(context, p.url, { popup: true });
      const [old] = await Promise.all([context.waitForEvent('page'), journeyOf(page).locator('[data-action=handoff]').click()]);
      await old.waitForURL(/\/interaction\//);
      await reload(page);
      await old.close();
      // As the partner's markup would say after the reload (the test set it by script before).
      await page.evaluate(() => document.querySelector('consent-journey')!.setAttribute('handoff', 'popup'));
      const [bank] = await Promise.all([context.waitForEvent('page'), journeyOf(page).locator('[data-action=handoff]', { hasText: 'Continue to Sandbox Bank' }).click()]);
      await authoriseAtBank(bank);
      return page;
    });
  }, 60_000);

  it('the element replaced while the popup is open', async () => {
    await interrupted('popup, element replaced', async (context, p) => {
      const page = await toAuthenticate(context, p.url, { popup: true });
      const [bank] = await Promise.all([context.waitForEvent('page'), journeyOf(page).locator('[data-action=handoff]').click()]);
      await signInAtBank(bank);
      await page.evaluate(replaceWithNewElement);
      await bank.click('button[type=submit]:has-text("Authorise")');
      return page;
    });
  }, 60_000);
});

describe('a user who already shares data from the bank', () => {
  it('is told so and offered to change that consent; changing it keeps one consent', async () => {
    const p = await partner();
    const first = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await toAuthenticate(first, p.url);
    await throughTheBank(page);
    await expectConnectedOnce(page, p, 'first connection');
    await first.close();

    const later = await browser.newContext({ reducedMotion: 'reduce' });
    const again = await toAuthenticate(later, p.url);
    await journeyOf(again).locator('[data-action=handoff]').click();
    await journeyOf(again).locator('.notice', { hasText: 'You already share data from Sandbox Bank with' }).waitFor();
    expect(again.url(), 'nothing left the page').toBe(`${p.url}/`);
    await journeyOf(again).locator('[data-action=handoff]', { hasText: 'Change what I share' }).click();
    await authoriseAtBank(again);
    await again.waitForURL(RETURNED);
    await expectConnectedOnce(again, p, 'changed');
    await later.close();
  }, 90_000);
});

describe('a cancel at the bank', () => {
  it('is the step’s heading and one consent-exit; Try again goes back to the bank; a reload starts afresh, saying nothing twice', async () => {
    const p = await partner();
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await toAuthenticate(context, p.url);
    await journeyOf(page).locator('[data-action=handoff]').click();
    await page.waitForURL(/\/interaction\//);
    await page.click('button:has-text("Cancel and go back")');
    await page.waitForURL(RETURNED, { waitUntil: 'commit' });
    await journeyOf(page).locator('[part=title]', { hasText: 'You cancelled at your bank, so nothing was shared.' }).waitFor({ timeout: 30_000 });
    expect(await eventLog(page, 'consent-exit').allTextContents()).toEqual(['consent-exit {"step":"authenticate","reason":"bank-cancelled"}']);
    expect(await eventLog(page, 'consent-error').count()).toBe(0);
    expect(page.url(), 'the result is taken out of the address once shown').not.toMatch(RETURNED);

    await reload(page);
    await journeyOf(page).locator('.step[data-step=intro]').waitFor();
    expect(await eventLog(page, 'consent-exit').count(), 'not reported again').toBe(0);

    // Through the steps again: Try again on the cancelled step leads to the bank.
    await journeyOf(page).locator('[data-action=continue]').click();
    await journeyOf(page).locator('[data-action=agree]').click();
    await journeyOf(page).locator('.institution[data-id=sandbox-bank]').click();
    await journeyOf(page).locator('[data-action=handoff]').click();
    await page.waitForURL(/\/interaction\//);
    await page.click('button:has-text("Cancel and go back")');
    await page.waitForURL(RETURNED, { waitUntil: 'commit' });
    await journeyOf(page).locator('[data-action=retry]').click();
    await journeyOf(page).locator('[data-action=handoff]').click();
    await page.waitForURL(/\/interaction\//);
    const consents = (await p.api(`/v1/users/${p.userId}/consents`)) as { data: unknown[] };
    expect(consents.data).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('the hosted /connect page (a link the partner sends)', () => {
  it('the bank returns to it too; a reload mid-return ends on success, one consent, one consent-granted', async () => {
    const p = await partner();
    const userId = ((await p.api('/v1/users', { reference: 'hosted-user' })) as { id: string }).id;
    const { url } = (await p.api('/v1/sessions', { userId, purpose: 'connect' })) as { url: string };
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    // The hosted page has no event log of its own: count in the page, from its first script on.
    await context.addInitScript(() => {
      document.addEventListener('consent-granted', (e) => ((window as unknown as { granted: unknown[] }).granted ??= []).push((e as CustomEvent).detail));
    });
    const page = await context.newPage();
    await page.goto(url);
    const journey = journeyOf(page);
    await journey.locator('[data-action=continue]').click();
    await journey.locator('[data-action=agree]').click();
    await journey.locator('.institution[data-id=sandbox-bank]').click();
    await throughTheBank(page);
    expect(new URL(page.url()).pathname).toBe('/connect');
    await sleep(300);
    await reload(page);
    await journey.locator('[part=title]', { hasText: 'You are connected' }).waitFor({ timeout: 30_000 });
    await sleep(1200);
    expect(await page.evaluate(() => (window as unknown as { granted?: unknown[] }).granted?.length ?? 0)).toBe(1);
    const consents = (await p.api(`/v1/users/${userId}/consents`)) as { data: { status: string }[] };
    expect(consents.data.map((c) => c.status)).toEqual(['active']);
    await context.close();
  }, 60_000);
});

describe('a bank that stops answering after it said yes', () => {
  it('the consent stands: success says the data has not come yet, and consent-granted fires once', async () => {
    const p = await partner();
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await toAuthenticate(context, p.url);
    await journeyOf(page).locator('[data-action=handoff]').click();
    await signInAtBank(page);
    // The data holder goes down between the consent and the data: the connection job fails.
    await server.db.updateTable('institutions').set({ status: 'down', status_reason: 'Outage' }).where('id', '=', 'sandbox-bank').execute();
    try {
      await page.click('button[type=submit]:has-text("Authorise")');
      await journeyOf(page).locator('.summary [role=status]', { hasText: 'Sandbox Bank has not sent your data yet' }).waitFor({ timeout: 30_000 });
    } finally {
      await server.db.updateTable('institutions').set({ status: 'operational', status_reason: null }).where('id', '=', 'sandbox-bank').execute();
    }
    await expectConnectedOnce(page, p, 'data not collected');
    await context.close();
  }, 60_000);
});
