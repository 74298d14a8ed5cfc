import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clusterLabels } from '../schema/index.js';
import { addPartner } from '../service/testing/partner.js';
import { apiDraft, draftAt, editor, journey, openEditor, previewStep, tab, type Partner } from './support/editor-page.js';
import { server, useLiveService } from './support/live-service.js';

/**
 * Issue 6: every field of the editor's four tabs, changed as a designer would, reaches the saved draft
 * at its config path and, where it shows, the live preview. editor.test.ts covers the editor's
 * behaviour (conflicts, publish, SSE, axe); this file covers the breadth of the form.
 */

useLiveService();

/** The computed value of a `--consent-*` custom property on the preview's journey: the theme it was given. */
const themeVar = (page: Page, name: string) => journey(page).evaluate((el, n) => getComputedStyle(el).getPropertyValue(n).trim().toUpperCase(), name);
const styleOf = (page: Page, selector: string, property: string) =>
  journey(page, selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
const text = (page: Page, selector: string) => journey(page, selector).first().textContent();

/** A 1×1 PNG: the upload endpoint accepts raster images only, recognised by their magic bytes. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');

describe('every editor field reaches the draft and the preview', { timeout: 60_000 }, () => {
  let partner: Partner;
  let page: Page;
  let close: () => Promise<void>;
  beforeAll(async () => {
    partner = await addPartner(server, { name: 'Fields Co' });
    const opened = await openEditor(partner);
    page = opened.page;
    close = () => opened.context.close();
  });
  afterAll(() => close?.());

  it('Consent: brand, title, subtitle, purposes, cluster checkboxes with official labels, duration, span, retention, revocation, accreditation', async () => {
    await tab(page, 'Consent');
    await editor(page, '#f-consent-brandName').fill('Fields Brand');
    await editor(page, '#f-consent-title').fill('Link your bank account');
    await editor(page, '#f-consent-subtitle').fill('A subtitle the designer wrote.');
    await editor(page, '#f-consent-accreditation-name').fill('Fields Co Pty Ltd');
    await editor(page, '#f-consent-accreditation-number').fill('ADRBNK000042');
    await draftAt(partner, 'consent').toMatchObject({
      brandName: 'Fields Brand',
      title: 'Link your bank account',
      subtitle: 'A subtitle the designer wrote.',
      accreditation: { name: 'Fields Co Pty Ltd', number: 'ADRBNK000042' },
    });
    await expect.poll(() => text(page, '.brand')).toBe('Fields Brand');
    expect(await text(page, '[part=title]')).toBe('Link your bank account');
    expect(await text(page, '.subtitle')).toBe('A subtitle the designer wrote.');
    expect(await text(page, '.accreditation')).toContain('Fields Co Pty Ltd is an Accredited Data Recipient (accreditation number ADRBNK000042)');

    // Purposes: add one, fill it in, edit the first; a permission then names it as its purpose.
    await editor(page, 'fieldset[data-path="consent.purposes"] > button').click();
    await editor(page, '#f-consent-purposes-1-id').waitFor();
    await editor(page, '#f-consent-purposes-1-id').fill('savings');
    await editor(page, '#f-consent-purposes-1-title').fill('Savings goals');
    await editor(page, '#f-consent-purposes-1-description').fill('To track progress towards your savings goals.');
    await editor(page, '#f-consent-purposes-0-title').fill('Budgeting, renamed');
    await draftAt(partner, 'consent.purposes').toEqual([
      { id: 'budgeting', title: 'Budgeting, renamed', description: 'To show where your money goes each month and help you set a budget.' },
      { id: 'savings', title: 'Savings goals', description: 'To track progress towards your savings goals.' },
    ]);

    // The cluster checkboxes carry the official data-language labels (docs/contract.md §1), business variants beside them.
    for (const scope of ['common:customer.basic:read', 'bank:payees:read', 'energy:billing:read'] as const) {
      const label = await editor(page, `li.cluster[data-scope="${scope}"] > label`).textContent();
      expect(label!.trim()).toBe(clusterLabels([scope])[0]!.label);
    }
    expect((await editor(page, 'li.cluster[data-scope="common:customer.basic:read"] .cluster__business').textContent())!.trim()).toBe(
      clusterLabels(['common:customer.basic:read'], { business: true })[0]!.label,
    );
    // Tick payees, make it optional with the new purpose; untick transactions.
    await editor(page, '#perm-bank-payees-read').check();
    await editor(page, '#perm-bank-payees-read-required').uncheck();
    await editor(page, '#perm-bank-payees-read-purpose').selectOption('savings');
    await editor(page, '#perm-bank-transactions-read').uncheck();
    await draftAt(partner, 'consent.permissions').toEqual([
      { cluster: 'common:customer.detail:read', required: true },
      { cluster: 'bank:accounts.basic:read', required: true },
      { cluster: 'bank:accounts.detail:read', required: true },
      { cluster: 'bank:payees:read', required: false, purpose: 'savings' },
    ]);

    await editor(page, '#f-consent-durationDays').fill('90');
    await editor(page, '#f-consent-retrievalSpanDays').fill('400');
    await editor(page, '#f-consent-retainDataByDefault').check();
    await editor(page, '#f-consent-onRevocation').selectOption('deidentify');
    await draftAt(partner, 'consent').toMatchObject({ durationDays: 90, retrievalSpanDays: 400, retainDataByDefault: true, onRevocation: 'deidentify' });

    await previewStep(page, 'consent');
    expect(await journey(page, '.purposes li').allTextContents()).toEqual([
      'Budgeting, renamedTo show where your money goes each month and help you set a budget.',
      'Savings goalsTo track progress towards your savings goals.',
    ]);
    expect(await journey(page, '.cluster').evaluateAll((els) => els.map((el) => el.getAttribute('data-scope')))).not.toContain('bank:transactions:read');
    const payees = journey(page, '.cluster[data-scope="bank:payees:read"]');
    expect(await payees.locator('.badge--optional').count()).toBe(1);
    expect(await payees.locator('.cluster__purpose').textContent()).toContain('Savings goals');
    expect(await text(page, '.sharing-period')).toContain('for 90 days');
    expect(await text(page, '.historical-range')).toContain('(400 days of history)');
    expect(await text(page, '.retention')).toBe('We will keep your data for the sharing period so we do not need to ask you again.');
    expect(await text(page, '.on-revocation')).toContain('we will de-identify your data');
    expect(await text(page, '.withdraw')).toContain('Fields Brand');
  });

  it('Appearance: header image by URL and by upload, always display, font, all nine colours by picker and hex, sizes, both buttons, width', async () => {
    await tab(page, 'Appearance');
    await previewStep(page, 'intro');

    const url = 'https://partner.example/header.png';
    await editor(page, '#f-appearance-headerImage-url').fill(url);
    await draftAt(partner, 'appearance.headerImage.url').toBe(url);
    await expect.poll(() => journey(page, '[part=header-image]').getAttribute('src')).toBe(url);

    // Upload: the service stores the PNG and answers its URL, which the editor puts in the field.
    await editor(page, '#header-upload').setInputFiles({ name: 'header.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => editor(page, '#f-appearance-headerImage-url').inputValue()).toMatch(/\/assets\/images\/[\w-]+\.png$/);
    const uploaded = await editor(page, '#f-appearance-headerImage-url').inputValue();
    await draftAt(partner, 'appearance.headerImage.url').toBe(uploaded);
    const served = await fetch(uploaded.replace(/^http:\/\/[^/]+/, server.url));
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    await expect.poll(() => journey(page, '[part=header-image]').getAttribute('src')).toBe(uploaded);
    // SVG could carry script: the service refuses it, the editor says why and keeps the URL it had.
    await editor(page, '#header-upload').setInputFiles({ name: 'header.svg', mimeType: 'image/svg+xml', buffer: SVG });
    await expect.poll(() => editor(page, '.upload .field__error').textContent()).toContain('Use a PNG, JPEG, WebP or GIF image.');
    expect(await editor(page, '#f-appearance-headerImage-url').inputValue()).toBe(uploaded);

    await editor(page, '#f-appearance-headerImage-alwaysDisplay').check();
    await draftAt(partner, 'appearance.headerImage.alwaysDisplay').toBe(true);
    await previewStep(page, 'consent');
    expect(await journey(page, '[part=header-image]').count()).toBe(1);

    // Font: a system stack by name, then a custom web font with its stylesheet.
    await editor(page, '#f-appearance-font-family').selectOption('serif');
    await draftAt(partner, 'appearance.font').toEqual({ family: 'serif', url: '' });
    await expect.poll(() => journey(page).evaluate((el) => getComputedStyle(el).fontFamily)).toContain('Charter');
    await editor(page, '#f-appearance-font-family').selectOption('__custom');
    await editor(page, '#font-custom').fill('Partner Sans');
    await editor(page, '#f-appearance-font-url').fill(`${server.url}/fonts/partner-sans.css`);
    await draftAt(partner, 'appearance.font').toEqual({ family: 'Partner Sans', url: `${server.url}/fonts/partner-sans.css` });
    await expect.poll(() => journey(page).evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^"Partner Sans", system-ui/);

    // Every colour through both controls: the native picker (lower-case, stored upper-case), then the hex field.
    const colours = ['primary', 'secondary', 'inactive', 'success', 'warning', 'failure', 'background', 'links', 'accreditation'];
    for (const [i, name] of colours.entries()) {
      const picked = `#1${i}2${i}3${i}`;
      // Links must stay legible on the (light) background typed just before, or the theme swaps them for black (WCAG 1.4.3).
      const typed = name === 'links' ? '#3A1B5C' : `#A${i}B${i}C${i}`;
      const path = `appearance.colors.${name}`;
      await editor(page, `.field[data-path="${path}"] input[type=color]`).fill(picked.toLowerCase());
      await draftAt(partner, path).toBe(picked);
      await expect.poll(() => themeVar(page, `--consent-color-${name}`), { message: name }).toBe(picked);
      await editor(page, `#f-appearance-colors-${name}`).fill(typed);
      await draftAt(partner, path).toBe(typed);
      await expect.poll(() => themeVar(page, `--consent-color-${name}`), { message: name }).toBe(typed);
      // The two controls stay in step: the picker shows what was typed.
      expect(await editor(page, `.field[data-path="${path}"] input[type=color]`).inputValue()).toBe(typed.toLowerCase());
    }

    await editor(page, '#f-appearance-typography-headingSize').fill('30');
    await editor(page, '#f-appearance-typography-paragraphSize').fill('18');
    await editor(page, '#f-appearance-typography-lineHeight').fill('28');
    await draftAt(partner, 'appearance.typography').toEqual({ headingSize: 30, paragraphSize: 18, lineHeight: 28 });
    await expect.poll(() => styleOf(page, '[part=title]', 'font-size')).toBe('30px');
    expect(await journey(page).evaluate((el) => [getComputedStyle(el).fontSize, getComputedStyle(el).lineHeight])).toEqual(['18px', '28px']);

    // Both buttons: text and background by picker and by hex, and the radius.
    for (const [i, button] of (['primary', 'secondary'] as const).entries()) {
      for (const [j, part] of (['text', 'background'] as const).entries()) {
        const path = `appearance.buttons.${button}.${part}`;
        const picked = `#0${i}1${j}2${i}`;
        const typed = `#F${i}E${j}D${i}`;
        await editor(page, `.field[data-path="${path}"] input[type=color]`).fill(picked.toLowerCase());
        await draftAt(partner, path).toBe(picked);
        await editor(page, `#f-appearance-buttons-${button}-${part}`).fill(typed);
        await draftAt(partner, path).toBe(typed);
      }
      await editor(page, `#f-appearance-buttons-${button}-borderRadius`).fill(String(20 + i));
    }
    await draftAt(partner, 'appearance.buttons').toEqual({
      primary: { text: '#F0E0D0', background: '#F0E1D0', borderRadius: 20 },
      secondary: { text: '#F1E0D1', background: '#F1E1D1', borderRadius: 21 },
    });
    // The consent step shows both buttons (back and agree).
    await expect.poll(() => styleOf(page, '[part=button-primary]', 'background-color')).toBe('rgb(240, 225, 208)');
    expect(await styleOf(page, '[part=button-primary]', 'color')).toBe('rgb(240, 224, 208)');
    expect(await styleOf(page, '[part=button-primary]', 'border-top-left-radius')).toBe('20px');
    expect(await styleOf(page, '[part=button-secondary]', 'background-color')).toBe('rgb(241, 225, 209)');
    expect(await styleOf(page, '[part=button-secondary]', 'color')).toBe('rgb(241, 224, 209)');
    expect(await styleOf(page, '[part=button-secondary]', 'border-top-left-radius')).toBe('21px');

    await editor(page, '#f-appearance-wrapper-desktopWidth').fill('640');
    await draftAt(partner, 'appearance.wrapper.desktopWidth').toBe(640);
    await expect.poll(() => journey(page).evaluate((el) => getComputedStyle(el).maxWidth)).toBe('640px');
  });

  it('Institutions: search narrows the list, "select all" off and on, picking a few; the saved pick is what the bank step lists', async () => {
    await tab(page, 'Institutions');
    const rows = editor(page, '.institutions__list li');
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    const total = await rows.count();
    await previewStep(page, 'institution');
    await expect.poll(() => journey(page, '.institution__name').count()).toBe(total);

    // By short name too: "CommBank" is the Commonwealth Bank's.
    await editor(page, '#inst-search').fill('commbank');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Commonwealth Bank')]);
    await editor(page, '#inst-search').fill('bank');
    await expect.poll(() => rows.count()).toBeLessThan(total);
    for (const row of await rows.allTextContents()) expect(row.toLowerCase()).toContain('bank');
    await editor(page, '#inst-search').fill('');
    await expect.poll(() => rows.count()).toBe(total);

    // "Select all" off: nothing selected is invalid, so the message shows and the draft keeps "all".
    await editor(page, '#inst-all').uncheck();
    await expect.poll(() => editor(page, '.field[data-path="institutions.selected"] .field__error').textContent()).toBe('Select at least one institution, or show all');
    expect((await apiDraft(partner)).body.config).toMatchObject({ institutions: { mode: 'all' } });
    for (const id of ['cba', 'anz', 'nab']) await editor(page, `#inst-${id}`).check();
    await draftAt(partner, 'institutions').toEqual({ mode: 'selected', selected: expect.arrayContaining(['cba', 'anz', 'nab']) });
    await draftAt(partner, 'institutions.selected').toHaveLength(3);
    // The preview's bank step, already showing every bank, follows the pick at once.
    const shownBanks = () => journey(page, '.institution__name').allTextContents().then((names) => names.sort());
    await expect.poll(shownBanks).toEqual(['ANZ', 'Commonwealth Bank', 'National Australia Bank']);
    // And a preview that loads the list afresh shows the same.
    await page.reload();
    await tab(page, 'Institutions');
    await previewStep(page, 'institution');
    await expect.poll(shownBanks).toEqual(['ANZ', 'Commonwealth Bank', 'National Australia Bank']);

    await editor(page, '#inst-all').check();
    await draftAt(partner, 'institutions').toEqual({ mode: 'all', selected: [] });
    expect(await editor(page, '.institutions__list input:checked').count()).toBe(total);
  });

  it('Flow: skip success screen, allow multiple connections, GTM id, redirect URL, reference name, manage-consent URL', async () => {
    await tab(page, 'Flow');
    await previewStep(page, 'intro');
    expect(await text(page, '.step-count')).toBe('Step 1 of 6');
    await editor(page, '#f-flow-skipSuccessScreen').check();
    await draftAt(partner, 'flow.skipSuccessScreen').toBe(true);
    await expect.poll(() => text(page, '.step-count')).toBe('Step 1 of 5');
    await editor(page, '#f-flow-skipSuccessScreen').uncheck();
    await draftAt(partner, 'flow.skipSuccessScreen').toBe(false);

    await editor(page, '#f-flow-allowMultipleConnections').check();
    await draftAt(partner, 'flow.allowMultipleConnections').toBe(true);
    await previewStep(page, 'success');
    expect(await journey(page, '[data-action=connect-another]').count()).toBe(1);

    await editor(page, '#f-flow-gtmId').fill('GTM-FIELDS1');
    await editor(page, '#f-flow-redirectUrl').fill('https://partner.example/done');
    await editor(page, '#f-flow-referenceName').fill('Fields App');
    await editor(page, '#f-flow-manageConsentUrl').fill('https://partner.example/consents');
    await draftAt(partner, 'flow').toEqual({
      skipSuccessScreen: false,
      allowMultipleConnections: true,
      gtmId: 'GTM-FIELDS1',
      redirectUrl: 'https://partner.example/done',
      referenceName: 'Fields App',
      manageConsentUrl: 'https://partner.example/consents',
    });
    expect(await text(page, '[part=exit]')).toContain('Fields App');
    // The preview's journey reports to the page's dataLayer under the GTM id (no personal data).
    const layer = () => page.evaluate(() => (window as unknown as { dataLayer?: { consentUiContainer?: string }[] }).dataLayer ?? []);
    await previewStep(page, 'intro');
    await journey(page, '[data-action=continue]').click();
    await expect.poll(async () => (await layer()).map((entry) => entry.consentUiContainer)).toContain('GTM-FIELDS1');
    await previewStep(page, 'success');
    // Finishing the preview says where a live journey would return to.
    await journey(page, '[data-action=done]').click();
    await expect.poll(() => journey(page, '.preview-note').allTextContents()).toContainEqual(expect.stringMatching(/^A live journey would now return to https:\/\/partner\.example\/done\b/));
    await previewStep(page, 'consent');
    expect(await journey(page, '.withdraw + p a').getAttribute('href')).toBe('https://partner.example/consents');
  });
});
