import { DEFAULT_CONFIG } from '../../schema/index.js';
import type { ApplicationsTable } from '../db/schema.js';
import { Problem, type FieldProblem } from '../errors/problem.js';

const DEMO = DEFAULT_CONFIG.consent;

/**
 * What keeps a draft from going live in production: end users must see who really receives their data
 * (the recipient's names and accreditation number, Rule 4.11(3)) and its CDR policy (Rule 7.2), never
 * the reference defaults the schema fills in. A sandbox application may publish them: it shows no one's
 * real data. Reads the stored document as it is, field by field.
 */
export function publishBlockers(document: string, environment: ApplicationsTable['environment']): FieldProblem[] {
  if (environment !== 'production') return [];
  const consent = (JSON.parse(document) as { consent?: { brandName?: unknown; accreditation?: { name?: unknown; number?: unknown }; cdrPolicyUrl?: unknown } }).consent ?? {};
  const problems: FieldProblem[] = [];
  const demo = (path: string, value: unknown, demoValue: string, what: string) => {
    if (value === undefined || value === demoValue) problems.push({ path, message: `Replace the demo ${what} "${demoValue}" with your own` });
  };
  demo('consent.brandName', consent.brandName, DEMO.brandName, 'brand name');
  demo('consent.accreditation.name', consent.accreditation?.name, DEMO.accreditation.name, 'legal name');
  demo('consent.accreditation.number', consent.accreditation?.number, DEMO.accreditation.number, 'accreditation number');
  if (!consent.cdrPolicyUrl) problems.push({ path: 'consent.cdrPolicyUrl', message: 'Link your CDR policy (an https URL) before going live' });
  return problems;
}

/** The 422 both publish doors answer when `publishBlockers` found something; nothing is published. */
export function notReadyToPublish(errors: FieldProblem[]): Problem {
  return new Problem(422, 'not-ready-to-publish', 'Not ready to publish', {
    detail: `A production application publishes only its own identity and CDR policy: fix ${errors.map((e) => e.path).join(', ')}.`,
    errors,
  });
}
