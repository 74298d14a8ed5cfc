import type { BrandEntry } from '../register/brands.data.js';

/** CDS Common: Get Status, version 1 (CommonDiscoveryStatus). */
export interface DiscoveryStatus {
  readonly status: 'OK' | 'PARTIAL_FAILURE' | 'UNAVAILABLE' | 'SCHEDULED_OUTAGE';
  readonly explanation?: string;
  readonly detectionTime?: string;
  readonly expectedResolutionTime?: string;
  readonly updateTime: string;
}

const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A brand's status as its Get Status answers: its seeded outage, if any, detected when the sandbox
 * started; a scheduled outage is expected to end at the top of the hour after next, so the time always
 * lies ahead. `explanation` is mandatory whenever the status is not OK.
 */
export function brandStatus(brand: BrandEntry, startedAt: number, now: number): DiscoveryStatus {
  const updateTime = iso(startedAt);
  if (!brand.outage) return { status: 'OK', updateTime };
  const { status, explanation } = brand.outage;
  if (status === 'SCHEDULED_OUTAGE') {
    return { status, explanation, expectedResolutionTime: iso((Math.floor(now / HOUR_MS) + 2) * HOUR_MS), updateTime };
  }
  return { status, explanation, detectionTime: updateTime, updateTime };
}
