import { enAU } from './en-AU.js';
import type { Messages } from './messages.js';

/**
 * The message catalogue: en-AU is built in (the default, needed for the first paint); other locales
 * are separate files loaded on first use, so a locale costs nothing to those who do not use it. The
 * build maps `./locales/<tag>.js` to `widget.<tag>.js` next to the bundle (esbuild.config.mjs).
 */
const LOADED: Record<string, Messages> = { 'en-AU': enAU };
const LOADERS: Record<string, () => Promise<{ default: Messages }>> = {
  'zh-CN': () => import('./locales/zh-CN.js'),
};

export const DEFAULT_LOCALE = 'en-AU';
export const LOCALES = [DEFAULT_LOCALE, ...Object.keys(LOADERS)];

/** The supported tag for a requested locale: exact (case-insensitive), then its language, then en-AU. */
export function resolveLocale(locale: string | undefined): string {
  const wanted = locale?.toLowerCase();
  const exact = LOCALES.find((tag) => tag.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted?.split('-')[0];
  return LOCALES.find((tag) => tag.split('-')[0]!.toLowerCase() === language) ?? DEFAULT_LOCALE;
}

export function isLocaleLoaded(locale: string | undefined): boolean {
  return resolveLocale(locale) in LOADED;
}

/** Makes a locale's messages available; resolves at once for en-AU or one already loaded. */
export async function loadLocale(locale: string | undefined): Promise<void> {
  const tag = resolveLocale(locale);
  if (LOADED[tag]) return;
  LOADED[tag] = (await LOADERS[tag]!()).default;
}

/** The messages for a locale; en-AU until a separately loaded locale has arrived. */
export function messagesFor(locale: string | undefined): { locale: string; messages: Messages } {
  const tag = resolveLocale(locale);
  const messages = LOADED[tag];
  return messages ? { locale: tag, messages } : { locale: DEFAULT_LOCALE, messages: enAU };
}
