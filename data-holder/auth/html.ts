const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Markup already escaped; anything else interpolated into `html` is escaped. */
export class Safe {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

/** A tagged template for the data holder's pages: values are escaped unless `Safe`; arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Safe {
  const part = (v: unknown): string => (v instanceof Safe ? v.value : Array.isArray(v) ? v.map(part).join('') : v === undefined || v === false ? '' : escape(String(v)));
  return new Safe(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}
