import { z } from 'zod';
import { CLUSTER_SCOPES } from '../cdr/data-language.js';
import { DEFAULT_CONFIG, PERMISSION_DEFAULTS } from '../defaults.js';
import { optionalSafeUrl, slug, text } from '../primitives.js';
import { localizedText } from './localized-text.js';

const DEFAULTS = DEFAULT_CONFIG.consent;

export const purposeSchema = z.strictObject({
  id: slug,
  title: text(80, 1),
  description: text(400, 1),
});

export const permissionSchema = z.strictObject({
  cluster: z.enum(CLUSTER_SCOPES, { error: 'Choose a CDR data cluster scope, e.g. bank:accounts.basic:read' }),
  /** Required clusters are part of the fixed set; optional ones are offered unchecked (Rule 4.11(2)). */
  required: z.boolean().default(PERMISSION_DEFAULTS.required),
  /** The purpose id this cluster serves, where one purpose does not fit all (CX 1CO.05a.29). */
  purpose: slug.optional(),
});

export const consentSchema = z
  .strictObject({
    brandName: text(80, 1).default(DEFAULTS.brandName),
    /** Per-locale text allowed (./localized-text.ts), as in `subtitle`. */
    title: localizedText(120, 1).default(DEFAULTS.title),
    subtitle: localizedText(300).default(DEFAULTS.subtitle),
    purposes: z
      .array(purposeSchema)
      .min(1, { error: 'State at least one purpose (Rule 4.11(3)(c))' })
      .max(10, { error: 'At most 10 purposes' })
      .prefault(() => DEFAULTS.purposes.map((p) => ({ ...p }))),
    permissions: z
      .array(permissionSchema)
      .min(1, { error: 'Request at least one data cluster' })
      .max(CLUSTER_SCOPES.length)
      .prefault(() => DEFAULTS.permissions.map((p) => ({ ...p }))),
    durationDays: z
      .number({ error: 'Enter a number of days' })
      .int({ error: 'Use a whole number of days' })
      .min(1, { error: 'At least 1 day' })
      .max(365, { error: 'At most 365 days: a CDR consent lasts 12 months at most (Rule 4.12(1))' })
      .default(DEFAULTS.durationDays),
    retrievalSpanDays: z
      .number({ error: 'Enter a number of days' })
      .int({ error: 'Use a whole number of days' })
      .min(1, { error: 'At least 1 day' })
      .max(730, { error: 'At most 730 days (two years)' })
      .default(DEFAULTS.retrievalSpanDays),
    retainDataByDefault: z.boolean().default(DEFAULTS.retainDataByDefault),
    onRevocation: z.enum(['delete', 'deidentify'], { error: 'Choose "delete" or "deidentify"' }).default(DEFAULTS.onRevocation),
    accreditation: z
      .strictObject({
        name: text(120, 1),
        number: z.string().trim().regex(/^[A-Z0-9-]{4,40}$/, { error: 'Use the accreditation number as issued, e.g. ADRBNK000123' }),
      })
      .prefault(() => ({ ...DEFAULTS.accreditation })),
    /** The recipient's CDR policy (Rule 7.2), linked from the consent step and the receipt. */
    cdrPolicyUrl: optionalSafeUrl.default(DEFAULTS.cdrPolicyUrl),
    /** An IANA time zone: every date of the consent is stated in it (one zone per consent). */
    timeZone: z
      .string()
      .refine(isTimeZone, { error: 'Use an IANA time zone name, e.g. Australia/Sydney' })
      .default(DEFAULTS.timeZone),
  })
  .superRefine(
    (consent, ctx) => {
      // Items may be malformed here (see `when`): each is checked as far as its own fields allow.
      const seen = new Set<string>();
      consent.permissions.forEach((permission, index) => {
        if (typeof permission?.cluster !== 'string') return;
        if (seen.has(permission.cluster)) {
          ctx.addIssue({ code: 'custom', path: ['permissions', index, 'cluster'], message: 'This data cluster is listed twice' });
        }
        seen.add(permission.cluster);
        if (permission.purpose && !consent.purposes.some((p) => p?.id === permission.purpose)) {
          ctx.addIssue({ code: 'custom', path: ['permissions', index, 'purpose'], message: `No purpose with id "${permission.purpose}"` });
        }
      });
      const ids = new Set<string>();
      consent.purposes.forEach((purpose, index) => {
        if (typeof purpose?.id !== 'string') return;
        if (ids.has(purpose.id)) ctx.addIssue({ code: 'custom', path: ['purposes', index, 'id'], message: 'Purpose ids must be unique' });
        ids.add(purpose.id);
      });
    },
    // Also when another consent field is invalid: the editor shows every message at once, not one
    // round of fixes after another (zod skips refinements after an aborting issue by default).
    { when: ({ value }) => hasArrays(value, 'permissions', 'purposes') },
  );

/** Whether the runtime knows `zone` as an IANA time zone. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-AU', { timeZone: zone });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
  } catch {
    return false;
  }
}

/** Whether `value` is an object whose `keys` are arrays: enough for the cross-field checks to read. */
function hasArrays(value: unknown, ...keys: string[]): boolean {
  return typeof value === 'object' && value !== null && keys.every((key) => Array.isArray((value as Record<string, unknown>)[key]));
}
