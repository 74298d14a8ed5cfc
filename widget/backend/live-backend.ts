import type { Institution } from '../../schema/api/institution.js';
import type { sleep } from '../journey/timers.js';
import type { fetchInstitutions } from './institutions-api.js';
import type { Amendment, Grant, JourneyBackend, JourneyError, JourneyErrorCode, ProgressUpdate } from './journey-backend.js';
import { forgetResult, returnedResult } from './result-param.js';
import { sessionApi } from './session-api.js';

/**
 * What the live backend borrows from the main bundle. It is loaded lazily as its own file, and a second
 * copy of JourneyError would fail the journey's `instanceof` checks, so it imports none of these.
 */
export interface LiveRuntime {
  readonly JourneyError: typeof JourneyError;
  readonly fetchInstitutions: typeof fetchInstitutions;
  readonly sleep: typeof sleep;
}

export interface LiveBackendOptions {
  readonly service: string;
  readonly app: string | undefined;
  readonly session: string;
  /** How often progress is polled. */
  readonly pollMs?: number;
}

interface JobView {
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed';
  readonly steps: readonly { readonly name: string; readonly status: 'pending' | 'running' | 'succeeded' | 'failed' }[];
  readonly error?: { readonly step?: string; readonly code: string; readonly detail: string };
}

/** The parts of `GET /v1/session` the journey uses. */
interface SessionInfo {
  readonly application: { readonly id: string };
  readonly purpose: string;
  readonly consentId: string | null;
  readonly state: string | null;
}

/** `GET /v1/session/authorisations/{id}` (and `/v1/session/results/{ref}`, which answers the same). */
interface AuthorisationView {
  readonly id: string;
  readonly status: 'pending' | 'authorised' | 'exchanged' | 'failed' | 'cancelled';
  readonly institutionId: string;
  readonly consentId?: string;
  readonly jobId?: string;
  readonly receiptUrl?: string;
  readonly accounts?: readonly { readonly name: string; readonly number?: string }[];
  readonly clusters?: readonly string[];
  readonly sharingEnd?: string;
  readonly timeZone?: string;
  readonly error?: { readonly code: string; readonly detail: string };
}

/** The object without its undefined properties (the journey's state is saved as JSON, and typed exactly). */
const defined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Bank answers (`error=` on the way back) as the journey's error codes, with the bank's own words. */
const BANK_ERRORS: Record<string, JourneyErrorCode> = { 'access-denied': 'cancelled', 'otp-failed': 'otp-failed', 'authorisation-expired': 'timeout', 'code-expired': 'code-expired', 'code-replayed': 'code-replayed' };

/**
 * The real journey: a session token, the sandbox data holder's pages, a consent record. The bank returns
 * to the service's own callback, which exchanges its code once and sends the end user back with a result
 * reference (redirect mode) or closes the popup. This backend keeps no state of its own: every answer
 * comes from the service, so a reload, a remount or a second tab follows the same authorisation.
 */
export function liveBackend(options: LiveBackendOptions, runtime: LiveRuntime): JourneyBackend {
  const { JourneyError, fetchInstitutions, sleep } = runtime;
  const call = sessionApi(options.service, options.session, JourneyError);
  const pollMs = options.pollMs ?? 500;
  // `GET /v1/session` answers the same for the whole journey: asked once (again only after a failure).
  let session: Promise<SessionInfo> | undefined;
  const sessionInfo = (signal: AbortSignal) =>
    (session ??= call<SessionInfo>('/v1/session', { signal }).catch((error: unknown) => {
      session = undefined;
      throw error;
    }));
  const authorisation = (id: string, signal: AbortSignal) => call<AuthorisationView>(`/v1/session/authorisations/${encodeURIComponent(id)}`, { signal });
  const bankFailure = (view: AuthorisationView) => new JourneyError(BANK_ERRORS[view.error?.code ?? ''] ?? 'denied', view.error?.detail ?? 'The bank did not authorise the request.');

  const progress = (job: JobView | undefined, exchangedYet: boolean): ProgressUpdate => {
    const step = (name: string) => job?.steps.find((s) => s.name === name)?.status;
    const verify = step('verify-credentials');
    const data = [step('retrieve-accounts'), step('retrieve-transactions')];
    const status = (done: boolean, failed: boolean, active: boolean) => (failed ? 'failed' : done ? 'done' : active ? 'active' : 'pending');
    return {
      tasks: [
        { id: 'connect', status: status(exchangedYet, false, !exchangedYet) },
        { id: 'consent', status: status(verify === 'succeeded', verify === 'failed', exchangedYet) },
        { id: 'data', status: status(data.every((s) => s === 'succeeded'), data.includes('failed'), verify === 'succeeded') },
      ],
    };
  };

  return {
    kind: 'live',
    async listInstitutions(signal): Promise<Institution[]> {
      const app = options.app ?? (await sessionInfo(signal)).application.id;
      return fetchInstitutions(options.service, app, signal);
    },
    async startAuthorisation(request, signal) {
      try {
        const started = await call<{ id: string; url: string }>('/v1/session/authorisations', {
          method: 'POST',
          body: { institutionId: request.institutionId, clusters: request.clusters, mode: request.mode, returnUrl: request.returnUrl, ...(request.amend ? { amend: request.amend } : {}) },
          signal,
        });
        return { authorisationId: started.id, url: started.url };
      } catch (error) {
        const existing = (error as JourneyError).details?.consentId;
        if ((error as JourneyError).details?.type === 'consent-exists' && typeof existing === 'string') return { existing };
        throw error;
      }
    },
    returnedResult,
    forgetResult,
    async resolveResult(result, signal) {
      const view = await call<AuthorisationView>(`/v1/session/results/${encodeURIComponent(result)}`, { signal });
      return { authorisationId: view.id, institutionId: view.institutionId };
    },
    async authorisationPending(id, signal) {
      return (await authorisation(id, signal)).status === 'pending';
    },
    async awaitAuthorisation(id, signal) {
      while ((await authorisation(id, signal)).status === 'pending') await sleep(pollMs, signal);
    },
    async watchProgress(id, onUpdate, signal): Promise<Grant> {
      let view = await authorisation(id, signal);
      // Between the bank's answer and the callback's exchange the authorisation is `authorised` for a moment.
      while (view.status === 'pending' || view.status === 'authorised') {
        onUpdate(progress(undefined, false));
        await sleep(pollMs, signal);
        view = await authorisation(id, signal);
      }
      if (view.status !== 'exchanged' || !view.consentId || !view.jobId) throw bankFailure(view);
      onUpdate(progress(undefined, true));
      for (;;) {
        const job = await call<JobView & { consentId: string }>(`/v1/session/jobs/${view.jobId}`, { signal });
        onUpdate(progress(job, true));
        if (job.status === 'succeeded' || job.status === 'failed') {
          // The consent stands either way; a data collection that failed is said as such, not as a
          // connection that failed (the partner can collect again: `POST /v1/connections/{id}/refresh`).
          const { receiptUrl, accounts, clusters, sharingEnd, timeZone } = await authorisation(id, signal);
          return { consentId: view.consentId, institutionId: view.institutionId, ...defined({ receiptUrl, accounts, clusters, sharingEnd, timeZone }), ...(job.status === 'failed' ? { collected: false } : {}) };
        }
        await sleep(pollMs, signal);
      }
    },
    async amendment(signal): Promise<Amendment | undefined> {
      const { purpose, consentId } = await sessionInfo(signal);
      if (purpose !== 'extend' || !consentId) return undefined;
      const { data } = await call<{ data: { id: string; institutionId: string; clusters: { scope: string }[]; sharingEnd: string }[] }>('/v1/session/consents', { signal });
      const consent = data.find((c) => c.id === consentId);
      return consent && { consentId: consent.id, institutionId: consent.institutionId, clusters: consent.clusters.map((c) => c.scope), sharingEnd: consent.sharingEnd };
    },
    async complete(grants, signal) {
      // Read the partner's `state` before spending the session: a spent token opens nothing.
      const { state } = await sessionInfo(signal).catch(() => ({ state: null }));
      await call('/v1/session/complete', { method: 'POST', signal });
      return { consentIds: grants.map((g) => g.consentId), ...(state ? { state } : {}) };
    },
  };
}
