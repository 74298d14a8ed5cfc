import { z } from 'zod';
import { text } from '../primitives.js';

/** A BCP 47 tag as the widget's locales are named: "en-AU", "zh-CN", "zh". */
const localeTag = z.string().regex(/^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$/, { error: 'Use a locale tag such as en-AU or zh-CN' });

/**
 * Text the consumer reads, as one string for every locale or per locale:
 * `"Connect your bank"` or `{ "en-AU": "Connect your bank", "zh-CN": "连接您的银行" }`. A map must have
 * `en-AU`, the fallback for any locale it lacks; each value is checked at its own path
 * (`consent.title.zh-CN`).
 */
export const localizedText = (max: number, min = 0) =>
  z.union([
    text(max, min),
    z
      .record(localeTag, text(max, min))
      .refine((map) => typeof map['en-AU'] === 'string', { error: 'Give the en-AU text too: it is shown where a locale has none' }),
  ]);

export type LocalizedText = z.infer<ReturnType<typeof localizedText>>;
