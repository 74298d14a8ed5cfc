import type { LocalizedText } from '../../schema/config/localized-text.js';

/** Config text in the locale: a plain string as is; a map's entry for the locale, else its en-AU text. */
export const localized = (value: LocalizedText, locale: string): string => (typeof value === 'string' ? value : (value[locale] ?? value['en-AU'] ?? ''));
