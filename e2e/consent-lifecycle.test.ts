import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createApplication } from '../service/apps/create-application.js';
import { systemClock } from '../service/clock.js';
import { freePort } from './support/free-port.js';
import { browser, server, useLiveService } from './support/live-service.js';
import { startPartnerServer } from '../examples/server/partner-server.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// The real clock: webhook signatures carry a timestamp the partner checks against its own time.
useLiveService({ clock: systemClock });
let partner: Awaited<ReturnType<typeof startPartnerServer>>;
beforeAll(async () => {
  // The partner's origin must be allowed before its server starts, so reserve a port first.
  const port = await freePort();
  const { apiKey } = await createApplication(server.db, server.clock, { name: 'Budget Buddy', origins: [`http://localhost:${port}`] });
  const hook = await server.app.request('/v1/webhooks', {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `http://localhost:${port}/webhooks`, events: ['consent.granted', 'consent.revoked'] }),
  });
  const { secret } = (await hook.json()) as { secret: string };
  partner = await startPartnerServer({ service: server.url, apiKey: apiKey.key, port, webhookSecret: secret });
});
afterAll(async () => {
  await partner?.stop();
});

const events = (page: Page, name: string) => page.locator(`#events li[data-event="${name}"]`);

async function axeViolations(page: Page) {
  // Evaluated through the DevTools protocol: the page's strict CSP (no inline script) stays in force.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

/** The end user on the partner's page: intro, agree, Sandbox Bank, hand-off; ends on the bank's page. */
async function toTheBank(watch: (page: Page) => void = () => {}) {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  watch(page);
  await page.goto(partner.url);
  const journey = page.locator('consent-journey');
  await journey.locator('[data-action=continue]').click();
  await journey.locator('[data-action=agree]').click();
  await journey.locator('.institution[data-id=sandbox-bank]').click();
  await journey.locator('[data-action=handoff]').click();
  await page.waitForURL(/\/interaction\//);
  return { context, page, journey };
}

describe('a partner on another origin: connect through the sandbox bank, then revoke in the manager', () => {
  it('explains in the widget when the user cancels at the bank, and nothing is shared', async () => {
    const { context, page, journey } = await toTheBank();
    await page.click('button:has-text("Cancel and go back")');
    await page.waitForURL(new RegExp(`^${partner.url}`));
    // The step's heading says what happened, in the catalogue's words, and offers a retry; for the host
    // it is the user's exit (with its reason), not an error.
    await journey.locator('[part=title]', { hasText: 'You cancelled at your bank, so nothing was shared.' }).waitFor({ timeout: 30_000 });
    await expect(journey.locator('[data-action=retry]').count()).resolves.toBe(1);
    await expect(events(page, 'consent-exit').textContent()).resolves.toContain('"reason":"bank-cancelled"');
    expect(await events(page, 'consent-error').count()).toBe(0);
    expect(await events(page, 'consent-granted').count()).toBe(0);
    expect(((await partner.api(`/v1/users/${partner.userId}/consents`)) as { data: unknown[] }).data).toEqual([]);
    await context.close();
  }, 120_000);

  it('grants a real consent whose data the partner reads, and revoking removes the data', async () => {
    const errors: string[] = [];
    const { context, page, journey } = await toTheBank((p) => p.on('pageerror', (e) => errors.push(e.message)));

    // At the data holder: its own pages, on its own origin (another party, over HTTPS).
    expect(await page.locator('input[type=password]').count()).toBe(0); // one-time password only (CX: never the banking password)
    await page.fill('#login-id', 'jsmith');
    await page.click('button[type=submit]');
    await page.fill('#otp', '000789');
    await page.click('button[type=submit]:has-text("Verify")');
    await page.check('#acc-jsmith-everyday');
    await page.check('#acc-jsmith-card');
    await page.click('button[type=submit]:has-text("Continue")');
    expect(await page.locator('main').textContent()).toContain('Transaction details');
    await page.click('button[type=submit]:has-text("Authorise")');

    // Back at the partner, through the service's callback (the JARM answer verified, the code exchanged
    // there): the journey shows progress, then success.
    await page.waitForURL(new RegExp(`^${partner.url}`));
    await events(page, 'consent-granted').waitFor({ timeout: 20_000 });
    expect(page.url()).not.toContain('code=');
    const granted = JSON.parse((await events(page, 'consent-granted').textContent())!.replace('consent-granted ', '')) as { consentId: string; institutionId: string };
    expect(granted.institutionId).toBe('sandbox-bank');
    await journey.locator('[part=title]', { hasText: 'You are connected' }).waitFor();
    expect(await journey.locator('a.receipt').getAttribute('href')).toMatch(new RegExp(`^${server.url}/receipts/rcpt_`));
    expect(await axeViolations(page)).toEqual([]);
    await journey.locator('[data-action=done]').click();
    await events(page, 'consent-complete').waitFor();
    expect(await events(page, 'consent-complete').textContent()).toContain(granted.consentId);

    // The partner's server sees the consent and the data, within the consent.
    const consents = (await partner.api(`/v1/users/${partner.userId}/consents`)) as { data: { id: string; status: string }[] };
    expect(consents.data.map((c) => [c.id, c.status])).toEqual([[granted.consentId, 'active']]);
    const accounts = (await partner.api(`/v1/users/${partner.userId}/accounts`)) as { data: { displayName: string }[] };
    expect(accounts.data.map((a) => a.displayName).sort()).toEqual(['Everyday Account', 'Low Rate Visa']);
    const transactions = (await partner.api(`/v1/users/${partner.userId}/transactions`)) as { data: unknown[] };
    expect(transactions.data.length).toBeGreaterThan(0);

    // The end user revokes in the manager; the confirmation says what happens to the data.
    await page.goto(`${partner.url}/manage`);
    const manager = page.locator('consent-manager');
    await manager.locator('.consent', { hasText: 'Sandbox Bank' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await manager.locator('button', { hasText: 'Stop sharing' }).click();
    const dialog = manager.locator('dialog[open]');
    await expect(dialog.textContent()).resolves.toContain('Your shared data will be deleted.');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.locator('button', { hasText: 'Stop sharing' }).click();
    await events(page, 'consent-revoked').waitFor();
    await expect(manager.locator('[role=status]').textContent()).resolves.toContain('Your data was deleted.');
    await expect(manager.locator('.status').first().textContent()).resolves.toBe('Stopped');

    await expect(partner.api(`/v1/users/${partner.userId}/accounts`)).rejects.toThrow(/403.*consent-revoked/);

    // The partner's server heard both, signed (it rejects a bad signature with 401, which would be retried);
    // the data holder was told too: its arrangement is revoked.
    await server.lifecycle.scheduler.tick();
    const { arrangement_id: arrangementId } = await server.db.selectFrom('consents').select('arrangement_id').where('id', '=', granted.consentId).executeTakeFirstOrThrow();
    expect(server.dataHolder.server.arrangements.get(arrangementId!)?.status).toBe('revoked');
    expect(partner.webhooks.map((w) => [w.type, w.data.consentId])).toEqual([
      ['consent.granted', granted.consentId],
      ['consent.revoked', granted.consentId],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
