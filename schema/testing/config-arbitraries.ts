// Test helper: configs the schema accepts and configs it rejects (each with the path it must name), for
// property tests of the schema, the service's draft route and the widget's rendering.
import fc from 'fast-check';
import type { ZodType } from 'zod';
import { configSchema, type ConfigInput } from '../config/config.js';
import { DEFAULT_CONFIG } from '../defaults.js';
import { optionalSafeUrl, unsafeUrlReason } from '../primitives.js';
import { constraintsOf, defOf, unwrap, zodArbitrary, type Mutation, type Special, type WalkOptions } from './zod-arbitrary.js';
import { brokenArbitrary } from './zod-mutations.js';

/** Text that has broken renderers before: markup, template syntax, bidi overrides, astral and lone surrogates, controls. */
const TRICKY_TEXT = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '${alert(1)}', '{{constructor.constructor}}', '</style><b>',
  '\u202Eevil\u202C', 'Zoë & Co. “quoted” — ok', '🏦💸 Bank', 'العربية', '中文银行', 'a\u0000b', '\u200B', '\uD83D', 'x\uDC00y',
  '%s %d %o', 'null', 'undefined', '__proto__', 'Infinity', '\\', '"\'`',
];

/** `s` cut to at most `max` code points (zod counts code points, not UTF-16 units). */
const clip = (s: string, max: number) => [...s].slice(0, max).join('');

const text = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength: Math.min(max, 60) }),
      fc.string({ unit: 'binary', maxLength: Math.min(max, 30) }),
      fc.stringMatching(/^[A-Z][a-z]{1,12}( [A-Za-z]{1,12}){0,8}\.?$/),
      fc.constantFrom(...TRICKY_TEXT),
      // At the bound: layouts must take the longest text the schema allows.
      fc.constantFrom('W', 'é', '字', '😀').map((ch) => ch.repeat(max)),
    )
    .map((s) => clip(s, max))
    .filter((s) => s.trim().length >= min);

// `.example` names never resolve, and loopback needs no network: a browser rendering these fetches nothing far away.
const HOSTS = ['partner.example', 'cdn.partner.example', 'xn--bcher-kva.example', 'bücher.example', '192.0.2.10', '[2001:db8::1]'];
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

const safeUrl = fc
  .tuple(
    fc.oneof(fc.constantFrom(...HOSTS).map((host) => `https://${host}`), fc.constantFrom(...LOOPBACK).chain((host) => fc.constantFrom(`http://${host}`, `https://${host}`))),
    fc.option(fc.integer({ min: 1, max: 65535 }).map((port) => `:${port}`), { nil: '' }),
    fc.webPath(),
    fc.option(fc.webQueryParameters().map((q) => `?${q}`), { nil: '' }),
    fc.option(fc.webFragments().map((f) => `#${f}`), { nil: '' }),
  )
  .map((parts) => parts.join(''))
  .filter((url) => url.length <= 2048 && unsafeUrlReason(url) === undefined);

const UNSAFE_URLS = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)',
  'file:///etc/passwd', 'blob:https://partner.example/1', 'about:blank', 'ftp://partner.example/f', 'http://partner.example/',
  'http://localhost.evil.example/', 'https://user:pass@partner.example/', 'https://user@partner.example/', '//partner.example/x', '/relative',
  'partner.example', 'https://', 'https:// space.example/', `https://partner.example/${'a'.repeat(2040)}`,
];

/** An https URL (http on loopback), or empty for "not set"; and the schemes, credentials and shapes it refuses. */
const urlSpecial: Special = {
  valid: () => fc.oneof({ arbitrary: fc.constant(''), weight: 2 }, { arbitrary: safeUrl, weight: 3 }),
  invalid: () =>
    fc
      .oneof(fc.constantFrom(...UNSAFE_URLS), fc.string({ maxLength: 30 }))
      .filter((s) => s.trim() !== '' && (s.trim().length > 2048 || unsafeUrlReason(s.trim()) !== undefined))
      .map((value): Mutation => ({ value, at: [], label: `unsafe URL ${JSON.stringify(value.slice(0, 40))}` })),
};

/** Time zones this runtime knows and the schema takes (the schema asks the runtime's Intl). */
const timeZoneSpecial: Special = {
  valid: ({ node }) => fc.constantFrom(...Intl.supportedValuesOf('timeZone').filter((zone) => node.safeParse(zone).success)),
  invalid: (_current, node) =>
    fc
      .oneof(fc.constantFrom('Mars/Olympus', 'AEST+10', '', '../etc', 'Australia/../../etc', 'UTC ', 'australia/sydney '), fc.string({ maxLength: 20 }))
      .filter((zone) => !node.safeParse(zone).success)
      .map((value): Mutation => ({ value, at: [], label: `unknown time zone ${JSON.stringify(value)}` })),
};

const LOCALES = fc.constantFrom('zh-CN', 'zh', 'en', 'fr-FR', 'vi-VN', 'haw');

/** Text as one string, or per locale with en-AU (schema/config/localized-text.ts). */
const localizedSpecial: Special = {
  valid: ({ node, walk }) => {
    const single = walk(defOf(node).options![0]!, 'text') as fc.Arbitrary<string>;
    return fc.oneof(single, fc.tuple(single, fc.dictionary(LOCALES, single, { maxKeys: 3 })).map(([en, others]) => ({ ...others, 'en-AU': en })));
  },
  invalid: (_current, node) => {
    const { min = 0, max = 200 } = constraintsOf(defOf(node).options![0]!);
    const mutations: fc.Arbitrary<Mutation>[] = [
      fc.constant({ value: { 'zh-CN': '银行' }, at: [], label: 'map without en-AU' }),
      fc.string({ maxLength: 8 }).filter((key) => !/^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$/.test(key)).map((key): Mutation => ({ value: { 'en-AU': 'Bank', [key]: 'Bank' }, at: [], label: `bad locale ${JSON.stringify(key)}` })),
      LOCALES.map((locale): Mutation => ({ value: { 'en-AU': 'Bank', [locale]: 'x'.repeat(max + 1) }, at: [locale], label: 'locale text too long' })),
      fc.constant({ value: { 'en-AU': 7 }, at: [], label: 'locale text not a string' }),
    ];
    if (min >= 1) mutations.push(LOCALES.map((locale): Mutation => ({ value: { 'en-AU': 'Bank', [locale]: '  ' }, at: [locale], label: 'locale text empty' })));
    return fc.oneof(...mutations);
  },
};

type Loose = Record<string, unknown>;
const items = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);

/** Purpose ids unique, clusters listed once, each permission's purpose one of the purposes (the consent's own checks). */
const consentSpecial: Special = {
  valid: ({ base }) =>
    base().map((value) => {
      const consent = { ...(value as Loose) };
      if (consent.purposes) consent.purposes = items(consent.purposes).filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
      const ids = items(consent.purposes ?? DEFAULT_CONFIG.consent.purposes).map((p) => p.id as string);
      if (consent.permissions) {
        consent.permissions = items(consent.permissions)
          .filter((p, i, all) => all.findIndex((q) => q.cluster === p.cluster) === i)
          .map((p, i) => (p.purpose === undefined ? p : { ...p, purpose: ids[i % ids.length] }));
      }
      return consent;
    }),
  invalid: (current) => {
    const consent = (current ?? {}) as Loose;
    const purposes = items(consent.purposes ?? structuredClone(DEFAULT_CONFIG.consent.purposes));
    const permissions = items(consent.permissions ?? structuredClone(DEFAULT_CONFIG.consent.permissions));
    const twice = (list: Loose[], key: string, max: number): { list: Loose[]; index: number } =>
      list.length < max ? { list: [...list, { ...list[0] }], index: list.length } : { list: list.map((p, i) => (i === 1 ? { ...p, [key]: list[0]![key] } : p)), index: 1 };
    const purpose = twice(purposes, 'id', 10);
    const cluster = twice(permissions, 'cluster', 16);
    const ids = new Set(purposes.map((p) => p.id));
    const missing = ['no-such-purpose', 'no-such-purpose-2'].find((id) => !ids.has(id))!;
    return fc.constantFrom<Mutation>(
      { value: { ...consent, purposes: purpose.list }, at: ['purposes', purpose.index, 'id'], label: 'purpose id twice' },
      { value: { ...consent, permissions: cluster.list }, at: ['permissions', cluster.index, 'cluster'], label: 'cluster twice' },
      { value: { ...consent, permissions: permissions.map((p, i) => (i === 0 ? { ...p, purpose: missing } : p)) }, at: ['permissions', 0, 'purpose'], label: 'permission for no purpose' },
    );
  },
};

const KNOWN_INSTITUTIONS = ['sandbox-bank', 'sandbox-credit-union', 'sandbox-offline-bank', 'cba', 'anz', 'westpac', 'nab'];

/** "selected" needs at least one institution; ids mostly ones the service knows. */
const institutionsSpecial: Special = {
  valid: ({ base }) => base().map((value) => {
    const v = value as Loose;
    return v.mode === 'selected' && items(v.selected).length === 0 ? { ...v, selected: ['sandbox-bank'] } : v;
  }),
  invalid: (current) => fc.constant({ value: { ...(current as Loose | undefined), mode: 'selected', selected: [] }, at: ['selected'], label: 'selected mode, nothing selected' }),
};

const BY_PATH: Record<string, Special> = {
  consent: consentSpecial,
  'consent.title': localizedSpecial,
  'consent.subtitle': localizedSpecial,
  'consent.timeZone': timeZoneSpecial,
  institutions: institutionsSpecial,
  'institutions.selected.*': { valid: ({ base }) => fc.oneof(fc.constantFrom(...KNOWN_INSTITUTIONS), base()) },
};

export const CONFIG_WALK: WalkOptions = {
  special: (path: string, node: ZodType) => BY_PATH[path] ?? (unwrap(node) === optionalSafeUrl ? urlSpecial : undefined),
  text,
  maxItems: 6,
};

/** Configs the schema accepts, as a partner or the editor may write them (keys left out for their defaults). */
export const validConfigInput = zodArbitrary(configSchema, CONFIG_WALK) as fc.Arbitrary<ConfigInput>;

/** Configs the schema rejects, each one valid config broken in one place, with the path that must be named. */
export const brokenConfigInput = brokenArbitrary(configSchema, validConfigInput, CONFIG_WALK);
