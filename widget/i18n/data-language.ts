import type { Messages } from './messages.js';

/**
 * CDR data-language words (a cluster label or permission line from schema/cdr, in the standard's
 * English) as the locale shows them: the locale's `dataLanguage` translation where it has one.
 */
export const dataLanguageWords = (m: Pick<Messages, 'dataLanguage'>, words: string): string => m.dataLanguage?.[words] ?? words;
