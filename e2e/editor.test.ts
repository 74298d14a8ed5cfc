import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addPartner } from '../service/testing/partner.js';
import { apiDraft, editor, editorLink, openEditor, tab, watchProblems } from './support/editor-page.js';
import { browser, server, useLiveService } from './support/live-service.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

useLiveService();

const status = (page: Page) => editor(page, '.top > p.status').textContent();
const saved = (page: Page) => expect.poll(() => status(page)).toBe('All changes saved');
const primaryButton = (page: Page) => editor(page, 'consent-editor-preview consent-journey [part=button-primary]').first();
const backgroundOf = (page: Page) => primaryButton(page).evaluate((el) => getComputedStyle(el).backgroundColor);

async function axeViolations(page: Page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (no inline script).
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

// Real browser pages with axe runs: well above vitest's default per-test timeout on a shared machine.
describe('the editor in Chromium', { timeout: 60_000 }, () => {
  it('opens from an editor link with no key in the page, and a primary colour change repaints the preview button', async () => {
    const partner = await addPartner(server, { name: 'Colour Co' });
    const { page, context, problems } = await openEditor(partner);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.content()).not.toContain(partner.key);
    expect(await backgroundOf(page)).toBe('rgb(19, 15, 38)');
    // The preview is the real journey, its parts included: the accreditation's info button, not its text inline.
    await expect(editor(page, 'consent-editor-preview consent-info-popover [part=trigger]').getAttribute('aria-label')).resolves.toBe('More about accreditation');
    // The phone-width preview shows the journey's mobile layout, though the editor's window is wide.
    const journey = editor(page, 'consent-journey');
    expect(await journey.getAttribute('data-mobile')).toBeNull();
    await editor(page, 'input[name=viewport][value=mobile]').check();
    await expect.poll(() => journey.getAttribute('data-mobile')).toBe('');

    await tab(page, 'Appearance');
    await editor(page, '#f-appearance-colors-primary').fill('#C0392B');
    await expect.poll(() => backgroundOf(page)).toBe('rgb(192, 57, 43)');
    await saved(page);
    expect((await apiDraft(partner)).body.config).toMatchObject({ appearance: { colors: { primary: '#C0392B' }, buttons: { primary: { background: '#C0392B' } } } });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('survives a link preview: a fetch without script spends nothing, and the button opens the editor', async () => {
    const partner = await addPartner(server, { name: 'Unfurl Co' });
    const link = await editorLink(partner);
    const unfurler = await browser.newContext({ javaScriptEnabled: false });
    const scanned = await unfurler.newPage();
    expect((await scanned.goto(link))!.status()).toBe(200);
    await unfurler.close();
    // The designer's click later still works; without script the page's button posts the link.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto(link);
    await page.getByRole('button', { name: 'Open the editor' }).click();
    await page.waitForURL(`${server.url}/editor`);
    expect(await page.locator('consent-editor').count()).toBe(1);
    expect((await noScript.cookies()).map((c) => c.name)).toEqual(['consent_editor']);
    await noScript.close();
  });

  it('shows an edit on /preview/{appId} in another window within a second, over SSE', async () => {
    const partner = await addPartner(server, { name: 'Live Co' });
    // Published with one bank: the public list holds only NAB, whatever the draft picks later.
    const { etag, body } = await apiDraft(partner);
    expect((await partner.call('/v1/config/draft', { method: 'PUT', body: { ...body.config, institutions: { mode: 'selected', selected: ['nab'] } }, headers: { 'if-match': etag } })).status).toBe(200);
    expect((await partner.call('/v1/config/publish', { method: 'POST' })).status).toBe(201);
    const { page, context, problems } = await openEditor(partner);
    await editor(page, 'details.preview-link summary').click();
    await editor(page, 'details.preview-link button').click();
    const previewUrl = (await editor(page, 'details.preview-link a').getAttribute('href'))!.replace(/^http:\/\/[^/]+/, server.url);
    await expect(editor(page, 'details.preview-link img.qr').getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml/);

    // Another device: its own browser context, no editor cookie, only the preview link.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const second = await phone.newPage();
    const secondProblems = await watchProblems(second);
    await second.goto(previewUrl);
    await expect.poll(() => second.locator('consent-journey .brand').textContent()).toBe('Acme Money');

    // Both pages read the same machine clock (timeOrigin + now), so the latency is the edit's own:
    // from the editor's input event to the second window showing it, not the test's overhead.
    await page.evaluate(() => addEventListener('input', (e) => ((window as unknown as { inputAt: number }).inputAt = performance.timeOrigin + e.timeStamp), { capture: true }));
    await editor(page, '#f-consent-brandName').fill('Live Brand');
    const seen = await second.waitForFunction(
      () =>
        document.querySelector('consent-live-preview')?.shadowRoot?.querySelector('consent-journey')?.shadowRoot?.querySelector('.brand')?.textContent === 'Live Brand' &&
        performance.timeOrigin + performance.now(),
      undefined,
      { polling: 'raf', timeout: 2000 },
    );
    const latency = ((await seen.jsonValue()) as number) - (await page.evaluate(() => (window as unknown as { inputAt: number }).inputAt));
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThan(1000);
    expect(await axeViolations(second), 'live preview page').toEqual([]);
    // The second window's journey knows its application, so its bank step lists the app's banks.
    await second.locator('consent-journey [data-action=continue]').click();
    await second.locator('consent-journey [data-action=agree]').click();
    await expect.poll(() => second.locator('consent-journey .institution').count()).toBeGreaterThan(0);
    expect(await second.locator('consent-journey').getByText('No banks are available right now').count()).toBe(0);
    // A selection made only in the draft (not published) shows there too, on the step it is on.
    await tab(page, 'Institutions');
    await editor(page, '#inst-nab').uncheck();
    for (const id of ['cba', 'anz']) await editor(page, `#inst-${id}`).check();
    await saved(page);
    await expect.poll(() => second.locator('consent-journey .institution__name').allTextContents().then((names) => names.sort())).toEqual(['ANZ', 'Commonwealth Bank']);
    expect([...problems, ...secondProblems]).toEqual([]);
    await phone.close();
    await context.close();
  });

  it('publishes after reviewing the diff: the public config changes at once, with a new ETag', async () => {
    const partner = await addPartner(server, { name: 'Publish Co' });
    const before = await fetch(`${server.url}/v1/apps/${partner.appId}/config`);
    const { page, context, problems } = await openEditor(partner);
    await tab(page, 'Appearance');
    await editor(page, '#f-appearance-colors-primary').fill('#0A7B83');
    await saved(page);
    await editor(page, '#publish').click();
    const row = editor(page, 'dialog[open] tr[data-path="appearance.colors.primary"]');
    await expect(row.locator('.diff__before').textContent()).resolves.toBe('#130F26');
    await expect(row.locator('.diff__after').textContent()).resolves.toBe('#0A7B83');
    await editor(page, '#publish-confirm').click();
    await expect.poll(() => editor(page, '.publish__notice').textContent()).toContain('Published version 2');

    const after = await fetch(`${server.url}/v1/apps/${partner.appId}/config`);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(((await after.json()) as { appearance: { colors: { primary: string } } }).appearance.colors.primary).toBe('#0A7B83');
    await expect.poll(() => editor(page, '.version[data-version="2"] .version__live').count()).toBe(1);
    expect(await editor(page, '.version[data-version="2"] .version__by').textContent()).toMatch(/^by .*\(editor\)/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says so when someone else saved meanwhile, and offers reload or overwrite', async () => {
    const partner = await addPartner(server, { name: 'Conflict Co' });
    const { page, context } = await openEditor(partner);
    const saveElsewhere = async (title: string) => {
      const { etag, body } = await apiDraft(partner);
      const res = await partner.call('/v1/config/draft', { method: 'PUT', body: { ...body.config, consent: { ...body.config.consent, title } }, headers: { 'if-match': etag } });
      expect(res.status).toBe(200);
    };

    await saveElsewhere('Changed elsewhere');
    await editor(page, '#f-consent-brandName').fill('Mine');
    const alert = editor(page, '.conflict[role=alert]');
    await expect.poll(() => alert.textContent()).toMatch(/saved this draft at .* after you loaded it/);
    expect(await status(page)).toBe('Not saved: someone else changed the draft');
    await editor(page, '#conflict-reload').click();
    await expect.poll(() => editor(page, '#f-consent-title').inputValue()).toBe('Changed elsewhere');
    expect(await editor(page, '#f-consent-brandName').inputValue()).toBe('Acme Money');

    await saveElsewhere('Changed again');
    await editor(page, '#f-consent-brandName').fill('Mine after all');
    await expect.poll(() => alert.count()).toBe(1);
    await editor(page, '#conflict-overwrite').click();
    await saved(page);
    expect((await apiDraft(partner)).body.config.consent).toMatchObject({ brandName: 'Mine after all', title: 'Changed elsewhere' });
    await context.close();
  });

  it('blocks publish on an invalid GTM id, with the message beside the field, kept across a reload', async () => {
    const partner = await addPartner(server, { name: 'GTM Co' });
    const { page, context, problems } = await openEditor(partner);
    await tab(page, 'Flow');
    await editor(page, '#f-flow-gtmId').fill('UA-12345');
    const field = editor(page, '.field[data-path="flow.gtmId"]');
    await expect(field.locator('.field__error').textContent()).resolves.toBe('Use a Google Tag Manager id like GTM-ABC1234, or leave it empty');
    expect(await editor(page, '#f-flow-gtmId').getAttribute('aria-invalid')).toBe('true');
    expect(await editor(page, '#f-flow-gtmId').getAttribute('aria-describedby')).toContain('f-flow-gtmId-error');
    expect(await editor(page, '#publish').isDisabled()).toBe(true);
    expect(await editor(page, '#publish-blocked').textContent()).toBe('Fix 1 field before publishing.');

    await page.reload();
    await tab(page, 'Flow');
    expect(await editor(page, '#f-flow-gtmId').inputValue()).toBe('UA-12345');
    expect(await editor(page, '#publish').isDisabled()).toBe(true);
    expect((await apiDraft(partner)).body.config.flow.gtmId).toBe('');

    await editor(page, '#f-flow-gtmId').fill('GTM-ABC1234');
    await saved(page);
    expect(await editor(page, '#publish').isDisabled()).toBe(false);
    expect((await apiDraft(partner)).body.config.flow.gtmId).toBe('GTM-ABC1234');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is axe-core clean on every tab, with a contrast warning and reset, the publish review and the expired-link page', async () => {
    const partner = await addPartner(server, { name: 'Axe Co' });
    const { page, context } = await openEditor(partner);
    for (const name of ['Consent', 'Appearance', 'Institutions', 'Flow']) {
      await tab(page, name);
      expect(await axeViolations(page), name).toEqual([]);
    }
    await tab(page, 'Appearance');
    await editor(page, '#f-appearance-buttons-primary-background').fill('#FFFF00');
    await expect.poll(() => editor(page, '.field[data-path="appearance.buttons.primary.text"] .contrast--fail').textContent()).toContain('1.07:1');
    // Announced: the warning is a status message the text colour's field points at.
    expect(await editor(page, '#f-appearance-buttons-primary-text').getAttribute('aria-describedby')).toContain('f-appearance-buttons-primary-text-contrast');
    expect(await editor(page, '#f-appearance-buttons-primary-text-contrast').getAttribute('role')).toBe('status');
    // Reset to default puts the reference colour back, and the warning goes.
    await editor(page, '.field[data-path="appearance.buttons.primary.background"] .field__reset').click();
    // The form re-renders after the preview's frame is painted (EditorState.set), so poll.
    await expect.poll(() => editor(page, '#f-appearance-buttons-primary-background').inputValue()).toBe('#130F26');
    await expect.poll(() => editor(page, '.field[data-path="appearance.buttons.primary.text"] .contrast--pass').count()).toBe(1);
    await tab(page, 'Consent');
    await editor(page, '#f-consent-brandName').fill('Axe Co');
    await saved(page);
    await editor(page, '#publish').click();
    await editor(page, 'dialog[open]').waitFor();
    expect(await axeViolations(page), 'publish review').toEqual([]);
    await context.close();

    const preview = await (await browser.newContext()).newPage();
    await preview.goto(`${server.url}/preview/demo`);
    expect(await preview.locator('h1').textContent()).toBe('This link has expired');
    expect(await axeViolations(preview), 'expired preview page').toEqual([]);
    await preview.close();
  });

  it('drops a hidden field\'s error with it, marks tabs with their errors, and lists each error with a way to its field', async () => {
    const partner = await addPartner(server, { name: 'Font Co' });
    const { page, context, problems } = await openEditor(partner);
    await tab(page, 'Appearance');
    await editor(page, '#f-appearance-font-family').selectOption('__custom');
    await editor(page, '#font-custom').fill('Inter');
    await editor(page, '#f-appearance-font-url').fill('http://fonts.example.com/inter.css');
    await expect.poll(() => status(page)).toMatch(/^1 field needs fixing/);
    await expect.poll(() => page.getByRole('tab', { name: 'Appearance (1 error)' }).count()).toBe(1);
    expect(await axeViolations(page), 'tab marks and problem list').toEqual([]);

    // From another tab, the list under "Fix 1 field" opens the field's tab and focuses it.
    await tab(page, 'Consent');
    const item = editor(page, '.problems li[data-path="appearance.font.url"]');
    expect(await item.textContent()).toContain('Web font stylesheet URL');
    await item.locator('button').click();
    await expect.poll(() => editor(page, '[role=tab][aria-selected=true]').textContent()).toContain('Appearance');
    await expect.poll(() => page.evaluate(() => document.querySelector('consent-editor')!.shadowRoot!.activeElement?.id)).toBe('f-appearance-font-url');

    // Back to a system font: the URL field goes, and its error with it; nothing blocks saving.
    await editor(page, '#f-appearance-font-family').selectOption('system');
    await saved(page);
    expect(await editor(page, '#f-appearance-font-url').count()).toBe(0);
    expect(await editor(page, '.problems').count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Appearance' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('moves the preview with a field\'s "Shows on" shortcut even after the preview\'s own picker moved it', async () => {
    const partner = await addPartner(server, { name: 'Step Co' });
    const { page, context } = await openEditor(partner);
    const picker = editor(page, 'consent-editor-preview #step');
    const journeyStep = () => editor(page, 'consent-editor-preview consent-journey .step').getAttribute('data-step');
    await picker.selectOption('consent');
    await expect.poll(journeyStep).toBe('consent');
    await editor(page, '.field[data-path="consent.title"] .field__steps').click();
    await expect.poll(journeyStep).toBe('intro');
    expect(await picker.inputValue()).toBe('intro');
    await context.close();
  });
});
