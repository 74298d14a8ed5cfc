import { errors } from 'oidc-provider';
import { effectiveSharingDuration, type ArrangementStore } from './arrangements.js';

/**
 * `sharing_duration` and `cdr_arrangement_id` as a request object carries them: the standard's text calls
 * them request object claims, its examples put them inside `claims`; both are accepted, top level first
 * (Request Object: Requesting Sharing Duration; Specifying an existing arrangement).
 */
export function cdrRequestParams(params: Record<string, unknown>): { sharingDuration: number; arrangementId: string | undefined } {
  let nested: Record<string, unknown> = {};
  if (typeof params.claims === 'string') {
    try {
      nested = JSON.parse(params.claims) as Record<string, unknown>;
    } catch {
      // The provider has refused unparseable claims before any page is shown.
    }
  }
  const duration = params.sharing_duration ?? nested.sharing_duration;
  const arrangement = params.cdr_arrangement_id ?? nested.cdr_arrangement_id;
  return {
    sharingDuration: effectiveSharingDuration(duration as string | number | undefined),
    arrangementId: arrangement === undefined ? undefined : String(arrangement),
  };
}

/** Negative or non-numeric durations fail the request (Request Object: Requesting Sharing Duration). */
export function assertSharingDuration(value: unknown): void {
  if (value === undefined) return;
  try {
    effectiveSharingDuration(value as string | number);
  } catch {
    throw new errors.InvalidRequest('sharing_duration must be a non-negative integer');
  }
}

/** An unknown arrangement, or another client's, is rejected (Request Object Submission). */
export function assertArrangement(arrangements: ArrangementStore, value: unknown, clientId: string): void {
  if (value === undefined) return;
  const existing = arrangements.get(String(value));
  if (!existing || existing.clientId !== clientId || existing.status !== 'active') throw new errors.InvalidRequest('cdr_arrangement_id is not recognised');
}
