import { enAU } from './en-AU.js';
import type { Messages } from './messages.js';

const CATALOGUE: Record<string, Messages> = { 'en-AU': enAU };

export const DEFAULT_LOCALE = 'en-AU';

/** The messages for a locale: exact tag, then its language, then en-AU. */
export function messagesFor(locale: string | undefined): { locale: string; messages: Messages } {
  if (locale && CATALOGUE[locale]) return { locale, messages: CATALOGUE[locale] };
  const language = locale?.split('-')[0];
  const match = Object.keys(CATALOGUE).find((tag) => tag.split('-')[0] === language);
  return match ? { locale: match, messages: CATALOGUE[match]! } : { locale: DEFAULT_LOCALE, messages: enAU };
}
