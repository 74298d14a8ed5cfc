import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, budgeted, measure } from './size.mjs';

// `npm run size` as part of `npm test`: the widget must stay within its gzipped budget (scripts/size.mjs).
describe('bundle size', () => {
  it('keeps widget.js with Lit and floating-ui (its widget.floating.js) within 34 KB gzipped', async () => {
    const files = await measure();
    const byName = Object.fromEntries(files.map((f) => [f.name, f]));
    expect(byName['widget.js']).toBeDefined();
    expect(byName['widget.floating.js'], 'floating-ui is counted').toBeDefined();
    const { module, classicWithFloating } = budgeted(files);
    expect(module, 'widget.js + widget.floating.js').toBeLessThanOrEqual(BUDGET_BYTES);
    expect(classicWithFloating, 'widget.iife.js + widget.floating.js').toBeLessThanOrEqual(BUDGET_BYTES);
    // Extra locales are separate files, fetched only by pages that ask for them.
    expect(byName['widget.zh-CN.js']!.gzip).toBeLessThan(6 * 1024);
  });
});
