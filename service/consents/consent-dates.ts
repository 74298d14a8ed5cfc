import { DEFAULT_CONFIG } from '../../schema/index.js';

/**
 * Dates as the end user reads them on the service's own pages (the CDR receipt, the sandbox bank), in one
 * zone per consent: the consent's `timeZone` (stored in its terms at grant, from `consent.timeZone`), so
 * the bank, the receipt and the widget (widget/format/dates.ts) all name the same calendar day.
 */
export const DEFAULT_TIME_ZONE: string = DEFAULT_CONFIG.consent.timeZone;

const formatters = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat('en-AU', { ...options, timeZone })));
  return formatter;
}

/** The zone a consent's dates are given in: its own, else the default (records from before zones were stored). */
export function zoneOf(terms: { readonly timeZone?: string | undefined } | undefined): string {
  const zone = terms?.timeZone;
  if (!zone) return DEFAULT_TIME_ZONE;
  try {
    format(zone, {});
    return zone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** "4 December 2027": the calendar day of `at` in `timeZone`. */
export function formatConsentDate(at: string | number | Date, timeZone: string): string {
  return format(timeZone, { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(at));
}

/** "2:05 pm": the time of day of `at` in `timeZone`. */
export function formatConsentTime(at: string | number | Date, timeZone: string): string {
  return format(timeZone, { hour: 'numeric', minute: '2-digit' }).format(new Date(at));
}

/** The zone's name, not tied to daylight saving (read at a fixed recent date: zones that had no daylight saving in 1970 would get their standard name): "Australian Eastern Time" (the widget's words too). */
export function zoneName(timeZone: string): string {
  return format(timeZone, { timeZoneName: 'longGeneric' })
    .formatToParts(17e11)
    .find((part) => part.type === 'timeZoneName')!.value;
}
