import type { RecipientIdentity } from '../apps/create-application.js';

/** The identity's flags, their config paths (for errors) and the question asked on a terminal. */
export const IDENTITY_FLAGS = [
  { key: 'brandName', flag: 'brand-name', path: 'consent.brandName', question: 'Brand name end users know you by' },
  { key: 'legalName', flag: 'legal-name', path: 'consent.accreditation.name', question: 'Legal name of the accredited data recipient' },
  { key: 'accreditationNumber', flag: 'accreditation-number', path: 'consent.accreditation.number', question: 'Accreditation number, as issued (e.g. ADRBNK000123)' },
  { key: 'cdrPolicyUrl', flag: 'cdr-policy-url', path: 'consent.cdrPolicyUrl', question: 'CDR policy URL (https://…)' },
] as const;

/** The flag a config path came from, to name it beside the schema's message. */
export const flagOfPath = (path: string) => IDENTITY_FLAGS.find((f) => f.path === path)?.flag;

/**
 * The recipient identity from the flags, asking for each one missing when there is someone to ask (a
 * terminal). Without, every missing flag is named at once, so one retry is enough.
 */
export async function collectIdentity(values: Partial<Record<(typeof IDENTITY_FLAGS)[number]['key'], string | undefined>>, ask?: (question: string) => Promise<string>): Promise<RecipientIdentity> {
  const identity: Record<string, string> = {};
  const missing: string[] = [];
  for (const { key, flag, question } of IDENTITY_FLAGS) {
    const given = values[key]?.trim() || (ask ? (await ask(`${question}: `)).trim() : '');
    if (given) identity[key] = given;
    else missing.push(`--${flag}`);
  }
  if (missing.length) throw new Error(`Missing ${missing.join(', ')}: every new application states who receives the data and links its CDR policy.`);
  return identity as unknown as RecipientIdentity;
}
