import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createApplication } from '../service/apps/create-application.js';
import { systemClock } from '../service/clock.js';
import { startPartnerServer } from '../examples/server/partner-server.mjs';
import { freePort } from './support/free-port.js';
import { authoriseAtBank } from './support/sandbox-bank.js';
import { browser, server, useLiveService } from './support/live-service.js';

useLiveService({ clock: systemClock });
const partners: Awaited<ReturnType<typeof startPartnerServer>>[] = [];
afterAll(async () => {
  await Promise.all(partners.map((p) => p.stop()));
});

/** A partner of its own per test (its own application, end user and connect session). */
async function newPartner() {
  // The partner's origin must be allowed before its server starts, so reserve a port first.
  const port = await freePort();
  const { apiKey } = await createApplication(server.db, server.clock, { name: 'Budget Buddy', origins: [`http://localhost:${port}`] });
  const partner = await startPartnerServer({ service: server.url, apiKey: apiKey.key, port });
  partners.push(partner);
  return partner;
}

const events = (page: Page, name: string) => page.locator(`#events li[data-event="${name}"]`);

/** The journey on the partner's page up to the bank hand-off, in popup mode. */
async function toHandoff(context: BrowserContext, partnerUrl: string) {
  const page = await context.newPage();
  await page.goto(partnerUrl);
  const journey = page.locator('consent-journey');
  await journey.locator('[data-action=continue]').waitFor();
  // Through the DevTools protocol: the partner's strict CSP forbids inline script.
  await page.evaluate(() => document.querySelector('consent-journey')!.setAttribute('handoff', 'popup'));
  await journey.locator('[data-action=continue]').click();
  await journey.locator('[data-action=agree]').click();
  await journey.locator('.institution[data-id=sandbox-bank]').click();
  return { page, journey };
}

describe('popup hand-off through the sandbox bank, over real HTTP', () => {
  it('opens the bank in a popup, stays on the partner page, and closes the popup once granted', async () => {
    const partner = await newPartner();
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const { page, journey } = await toHandoff(context, partner.url);
    const [bank] = await Promise.all([context.waitForEvent('page'), journey.locator('[data-action=handoff]').click()]);
    await journey.locator('.notice', { hasText: 'Finish in the Sandbox Bank window' }).waitFor();
    await authoriseAtBank(bank);

    await events(page, 'consent-granted').waitFor({ timeout: 20_000 });
    await journey.locator('[part=title]', { hasText: 'You are connected' }).waitFor();
    expect(page.url(), 'the partner page never left').toBe(`${partner.url}/`);
    await expect.poll(() => bank.isClosed(), { timeout: 5_000 }).toBe(true);
    const consents = (await partner.api(`/v1/users/${partner.userId}/consents`)) as { data: { id: string; status: string }[] };
    expect(consents.data.map((c) => c.status)).toEqual(['active']);

    // The data came from the holder's CDS APIs; a withdrawal through the partner's server reaches the holder.
    await server.lifecycle.jobs.idle();
    const accounts = (await partner.api(`/v1/users/${partner.userId}/accounts`)) as { data: { displayName: string }[] };
    expect(accounts.data.map((a) => a.displayName)).toEqual(['Everyday Account']);
    await partner.api(`/v1/consents/${consents.data[0]!.id}`, undefined, 'DELETE');
    await server.lifecycle.scheduler.tick();
    const { arrangement_id: arrangementId } = await server.db.selectFrom('consents').select('arrangement_id').where('id', '=', consents.data[0]!.id).executeTakeFirstOrThrow();
    expect(server.dataHolder.server.arrangements.get(arrangementId!)?.status).toBe('revoked');
    await context.close();
  }, 90_000);

  it('with the popup blocked, says so and continues in the page, and the bank sends the user back to the journey', async () => {
    const partner = await newPartner();
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    // What a popup blocker does: window.open answers null.
    await context.addInitScript(() => {
      window.open = () => null;
    });
    const { page, journey } = await toHandoff(context, partner.url);
    await journey.locator('[data-action=handoff]').click();
    await journey.locator('[role=alert]', { hasText: 'blocked the Sandbox Bank window' }).waitFor();
    await journey.locator('[data-action=continue-here]').click();
    await authoriseAtBank(page);

    // Back on the partner's page (not the service's "close this window" page), where the journey ends.
    await page.waitForURL(new RegExp(`^${partner.url}`));
    await events(page, 'consent-granted').waitFor({ timeout: 20_000 });
    await journey.locator('[part=title]', { hasText: 'You are connected' }).waitFor();
    const consents = (await partner.api(`/v1/users/${partner.userId}/consents`)) as { data: { status: string }[] };
    expect(consents.data.map((c) => c.status)).toEqual(['active']);
    await context.close();
  }, 90_000);
});
