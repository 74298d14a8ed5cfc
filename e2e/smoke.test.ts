import { describe, expect, it } from 'vitest';
import { browser, server, useLiveService } from './support/live-service.js';

useLiveService();

describe('demo page in Chromium', () => {
  it('shows the consent journey with the default config under the strict CSP, with no errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('favicon') && problems.push(m.text()));
    await page.goto(`${server.url}/`);
    const journey = page.locator('consent-journey');
    await expect(journey.locator('[part=title]').textContent()).resolves.toBe('Connect your bank');
    await journey.locator('[part=button-primary]').click();
    await expect(journey.locator('[part=title]').textContent()).resolves.toBe('Acme Money is requesting your data');
    await expect(journey.locator('.cluster__label').allTextContents()).resolves.toEqual([
      'Name, occupation, contact details', 'Account name, type and balance', 'Account numbers and features', 'Transaction details',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
