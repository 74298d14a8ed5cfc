import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addPartner } from '../service/testing/partner.js';
import { apiDraft, editor, openEditor, tab } from './support/editor-page.js';
import { browser, server, useLiveService } from './support/live-service.js';

useLiveService();

const saved = (page: Page) => expect.poll(() => editor(page, '.top > p.status').textContent()).toBe('All changes saved');
const primary = async (partner: Awaited<ReturnType<typeof addPartner>>) => ((await apiDraft(partner)).body.config as unknown as { appearance: { colors: { primary: string } } }).appearance.colors.primary;
/** The element focused inside the editor's shadow root, by id and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('consent-editor')!.shadowRoot!.activeElement as HTMLElement | null;
    return active ? `${active.id || active.tagName.toLowerCase()}: ${active.textContent?.trim()}` : '';
  });

describe('the editor: publish diff, rollback and a phone-sized screen', { timeout: 60_000 }, () => {
  it('names changed fields as the tabs do, asks before a rollback, and undoes it through the API', async () => {
    const partner = await addPartner(server, { name: 'Rollback Co' });
    const { page, context, problems } = await openEditor(partner);
    await tab(page, 'Appearance');
    await editor(page, '#f-appearance-colors-primary').fill('#0A7B83');
    await saved(page);
    await editor(page, '#publish').click();
    const row = editor(page, 'dialog[open] tr[data-path="appearance.colors.primary"]');
    await expect(row.locator('th').textContent()).resolves.toBe('Appearance › Primary colour');
    expect(await editor(page, 'dialog[open] tbody th').allTextContents()).not.toContainEqual(expect.stringMatching(/\w\.\w/));
    await editor(page, '#publish-confirm').click();
    await expect.poll(() => editor(page, '.publish__notice').textContent()).toContain('Published version 2');

    // Roll back asks first, with focus on the safe choice; Escape keeps the draft.
    const rollBack = editor(page, '.version[data-version="1"] button').filter({ hasText: 'Roll back to version 1' });
    await rollBack.click();
    const dialog = editor(page, 'dialog#rollback-confirm[open]');
    await expect(dialog.locator('h2').textContent()).resolves.toBe('Roll back to version 1?');
    await expect(dialog.locator('p').textContent()).resolves.toMatch(/Your draft \(revision \d+\) will be replaced by version 1/);
    expect(await focused(page)).toBe('rollback-cancel: Keep my draft');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await focused(page)).toBe('button: Roll back to version 1');
    expect(await primary(partner)).toBe('#0A7B83');

    await rollBack.click();
    await editor(page, '#rollback-confirm-button').click();
    await expect.poll(() => editor(page, '.publish__notice').textContent()).toContain('Version 1 is now the draft');
    expect(await primary(partner)).toBe('#130F26');
    await expect(editor(page, '#f-appearance-colors-primary').inputValue()).resolves.toBe('#130F26');

    await editor(page, '#undo-rollback').click();
    await expect.poll(() => editor(page, '.publish__notice').textContent()).toContain('Rollback undone');
    expect(await primary(partner)).toBe('#0A7B83');
    await expect(editor(page, '#f-appearance-colors-primary').inputValue()).resolves.toBe('#0A7B83');
    expect(await editor(page, '#undo-rollback').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is usable at 375 × 812: no sideways scroll, every tab and field reachable, the preview in view', async () => {
    const partner = await addPartner(server, { name: 'Phone Co' });
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
    const { page, problems } = await openEditor(partner, context);
    const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await scrollWidth()).toBeLessThanOrEqual(375);

    for (const [name, field] of [['Consent', '#f-consent-title'], ['Appearance', '#f-appearance-colors-primary'], ['Institutions', '[role=tabpanel] input[type=search]'], ['Flow', '#f-flow-gtmId']] as const) {
      const tabButton = editor(page, '[role=tab]').filter({ hasText: name });
      await tabButton.scrollIntoViewIfNeeded();
      await tabButton.tap();
      await expect(tabButton.getAttribute('aria-selected')).resolves.toBe('true');
      const input = editor(page, field);
      await input.scrollIntoViewIfNeeded();
      expect([name, await input.isVisible()]).toEqual([name, true]);
      const box = (await input.boundingBox())!;
      expect([name, box.x >= 0, box.x + box.width <= 375]).toEqual([name, true, true]);
      expect(await scrollWidth()).toBeLessThanOrEqual(375);
      // Every control of the tab fits the screen: none is cut off at the right edge.
      const outside = await page.evaluate(() =>
        [...document.querySelector('consent-editor')!.shadowRoot!.querySelectorAll<HTMLElement>('[role=tabpanel] :is(input, select, textarea, button)')]
          .filter((el) => el.getClientRects().length > 0)
          .filter((el) => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > 375.5; })
          .map((el) => el.id || el.outerHTML.slice(0, 80)),
      );
      expect([name, outside]).toEqual([name, []]);
    }

    await tab(page, 'Appearance');
    await editor(page, '#f-appearance-colors-primary').fill('#0A7B83');
    await saved(page);
    const publish = editor(page, '#publish');
    await publish.scrollIntoViewIfNeeded();
    expect(await publish.isVisible()).toBe(true);

    const preview = editor(page, 'consent-editor-preview consent-journey');
    await preview.scrollIntoViewIfNeeded();
    expect(await preview.isVisible()).toBe(true);
    const previewBox = (await preview.boundingBox())!;
    expect(previewBox.x).toBeGreaterThanOrEqual(0);
    expect(previewBox.x + previewBox.width).toBeLessThanOrEqual(375);
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
    expect(problems).toEqual([]);
    await context.close();
  });
});
