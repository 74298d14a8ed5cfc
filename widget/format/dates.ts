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

/**
 * A date as people read it in the locale, "25 November 2026", on the calendar of `timeZone`. Every date
 * of one consent is given in that consent's zone (`consent.timeZone`), so the consent step, the
 * dashboard, the bank and the receipt all name the same day; without a zone, the reader's own.
 */
export function formatDate(date: Date, locale: string, timeZone?: string): string {
  return dateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

/**
 * The zone a consent's dates are given in: its own (`consent.timeZone`, or the zone stored in its terms),
 * else Australia/Sydney, the default of schema/defaults.ts; a config set by hand may name no valid zone.
 */
export function consentZone(timeZone: string): string {
  try {
    return dateTimeFormat('en', { timeZone }) && timeZone;
  } catch {
    return 'Australia/Sydney';
  }
}

/** The zone's name in the locale, not tied to daylight saving (read at a fixed recent date: zones that had no daylight saving in 1970 would get their standard name): "Australian Eastern Time", "澳大利亚东部时间". */
export function zoneName(locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(17e11)
    .find((part) => part.type === 'timeZoneName')!.value;
}

/** The sharing period and historical range a consent given at `now` would have (Rule 4.11(3)(c), 4.12(1)). */
export function consentDates(now: Date, durationDays: number, retrievalSpanDays: number) {
  return { start: now, end: addDays(now, durationDays), historyFrom: addDays(now, -retrievalSpanDays) };
}
