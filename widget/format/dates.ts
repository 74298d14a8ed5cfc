const DAY_MS = 24 * 60 * 60 * 1000;

/** The date `days` whole days after (or, negative, before) `from`. */
export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per locale and style, reused: building an Intl formatter costs far more than formatting
 * with one, and templates format on every render (each editor keystroke re-renders the version list).
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter;
}

/** A date as people read it in the locale: "25 November 2026". */
export function formatDate(date: Date, locale: string): string {
  return dateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** The sharing period and historical range a consent given at `now` would have (Rule 4.11(3)(c), 4.12(1)). */
export function consentDates(now: Date, durationDays: number, retrievalSpanDays: number) {
  return { start: now, end: addDays(now, durationDays), historyFrom: addDays(now, -retrievalSpanDays) };
}
