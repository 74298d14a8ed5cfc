import { z } from 'zod';
import { slug } from '../primitives.js';

export const INSTITUTION_STATUSES = ['operational', 'degraded', 'down'] as const;

/** An institution as `GET /v1/apps/{appId}/institutions` lists it (docs/contract.md §3). */
export const institutionSchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(120),
  shortName: z.string().min(1).max(40),
  /** Absolute URL of a logo the service serves (no hot-linking). */
  logoUrl: z.string(),
  country: z.string().length(2),
  type: z.enum(['cdr', 'open-banking']),
  tier: z.number().int().min(1).max(3),
  /** The sandbox data holder: its journeys never reach a real bank. */
  sandbox: z.boolean(),
  status: z.enum(INSTITUTION_STATUSES),
  /** Why it is degraded or down, in plain words; absent when operational. */
  statusReason: z.string().max(300).optional(),
  statusSince: z.string().optional(),
});

export type Institution = z.infer<typeof institutionSchema>;
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];

export const institutionListSchema = z.strictObject({ data: z.array(institutionSchema) });
export type InstitutionList = z.infer<typeof institutionListSchema>;
