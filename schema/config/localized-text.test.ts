import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './json-schema.js';
import { parseConfig, safeParseConfig } from './parse-config.js';

describe('localized text (consent.title, consent.subtitle)', () => {
  it('takes a string for every locale, or a map by locale with en-AU', () => {
    expect(parseConfig({ consent: { title: 'Connect your bank' } }).consent.title).toBe('Connect your bank');
    const map = { 'en-AU': 'Connect your bank', 'zh-CN': '连接您的银行' };
    expect(parseConfig({ consent: { title: map, subtitle: { 'en-AU': '', 'zh-CN': '' } } }).consent.title).toEqual(map);
  });

  it('checks each value at its own path, and asks for en-AU', () => {
    expect(safeParseConfig({ consent: { title: { 'en-AU': 'Connect', 'zh-CN': 'x'.repeat(121) } } })).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([expect.objectContaining({ path: 'consent.title.zh-CN' })]),
    });
    expect(safeParseConfig({ consent: { title: { 'zh-CN': '连接您的银行' } } })).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'consent.title', message: expect.stringContaining('en-AU') })],
    });
    expect(safeParseConfig({ consent: { title: { english: 'Connect' } } }).ok).toBe(false);
  });

  it('is in the JSON Schema as either form', () => {
    const title = (configJsonSchema() as { properties: { consent: { properties: { title: { anyOf: { type: string }[] } } } } }).properties.consent.properties.title;
    expect(title.anyOf.map((s) => s.type)).toEqual(['string', 'object']);
  });
});
