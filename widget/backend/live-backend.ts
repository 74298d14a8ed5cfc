import type { Institution } from '../../schema/api/institution.js';
import type { sleep } from '../journey/timers.js';
import type { fetchInstitutions } from './institutions-api.js';
import type { Amendment, Grant, JourneyBackend, JourneyError, ProgressUpdate } from './journey-backend.js';
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

interface Exchanged {
  readonly consentId: string;
  readonly jobId: string;
  readonly institutionId: string;
  readonly receiptUrl?: string;
}

/** Bank answers (`error=` on the way back) as the journey's error codes, with the bank's own words. */
const BANK_ERRORS: Record<string, 'cancelled' | 'otp-failed' | 'timeout'> = { 'access-denied': 'cancelled', 'otp-failed': 'otp-failed', 'authorisation-expired': 'timeout' };

/**
 * The real journey (issue 5): a session token, the sandbox data holder's pages, a consent record.
 * Redirect mode comes back to this page with `code`/`state` (resume exchanges them, idempotently keyed
 * by the authorisation, so a reload cannot grant twice); popup mode comes back to the service, which
 * exchanges them itself while this page watches the authorisation.
 */
export function liveBackend(options: LiveBackendOptions, runtime: LiveRuntime): JourneyBackend {
  const { JourneyError, fetchInstitutions, sleep } = runtime;
  const call = sessionApi(options.service, options.session, JourneyError);
  const pollMs = options.pollMs ?? 500;
  const exchanged = new Map<string, Exchanged>();
  // `GET /v1/session` answers the same for the whole journey: asked once (again only after a failure).
  let session: Promise<SessionInfo> | undefined;
  const sessionInfo = (signal: AbortSignal) =>
    (session ??= call<SessionInfo>('/v1/session', { signal }).catch((error: unknown) => {
      session = undefined;
      throw error;
    }));
  const failures = new Map<string, JourneyError>();

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

  async function exchange(authorisationId: string, code: string, state: string, signal: AbortSignal) {
    const result = await call<Exchanged>('/v1/session/grants', {
      method: 'POST',
      body: { authorisationId, code, state },
      headers: { 'idempotency-key': `grant-${authorisationId}` },
      signal,
    });
    exchanged.set(authorisationId, result);
  }

  return {
    kind: 'live',
    async listInstitutions(signal): Promise<Institution[]> {
      const app = options.app ?? (await sessionInfo(signal)).application.id;
      return fetchInstitutions(options.service, app, signal);
    },
    async startAuthorisation(request, signal) {
      // Popup: the bank returns to the service's callback; redirect: to this very page.
      const returnUrl = request.mode === 'popup' ? new URL('/connect/callback', options.service).toString() : request.returnUrl;
      const started = await call<{ id: string; url: string }>('/v1/session/authorisations', {
        method: 'POST',
        body: { institutionId: request.institutionId, clusters: request.clusters, returnUrl },
        signal,
      });
      return { authorisationId: started.id, url: started.url };
    },
    async resume(signal) {
      const params = new URLSearchParams(location.search);
      const authorisationId = params.get('authorisation');
      if (!authorisationId || !params.get('state')) return undefined;
      // Take the bank's answer out of the address bar: a code must not linger in history or be shared.
      const clean = new URL(location.href);
      for (const key of ['code', 'state', 'authorisation', 'error', 'error_description']) clean.searchParams.delete(key);
      history.replaceState(history.state, '', clean);
      const error = params.get('error');
      if (error) failures.set(authorisationId, new JourneyError(BANK_ERRORS[error] ?? 'denied', params.get('error_description') ?? error));
      else {
        try {
          await exchange(authorisationId, params.get('code') ?? '', params.get('state')!, signal);
        } catch (cause) {
          failures.set(authorisationId, cause instanceof JourneyError ? cause : new JourneyError('unknown', String(cause)));
        }
      }
      return { authorisationId };
    },
    async awaitAuthorisation(authorisationId, signal) {
      for (;;) {
        const status = await call<{ status: string; institutionId: string; consentId?: string; jobId?: string; receiptUrl?: string; error?: { code: string; detail: string } }>(`/v1/session/authorisations/${authorisationId}`, { signal });
        if (status.status === 'exchanged' && status.consentId && status.jobId) {
          exchanged.set(authorisationId, { consentId: status.consentId, jobId: status.jobId, institutionId: status.institutionId, ...(status.receiptUrl ? { receiptUrl: status.receiptUrl } : {}) });
          return;
        }
        if (status.status === 'failed' || status.status === 'cancelled') {
          failures.set(authorisationId, new JourneyError(BANK_ERRORS[status.error?.code ?? ''] ?? 'denied', status.error?.detail ?? 'The bank did not authorise the request.'));
          return;
        }
        await sleep(pollMs, signal);
      }
    },
    async watchProgress(authorisationId, onUpdate, signal): Promise<Grant> {
      const failure = failures.get(authorisationId);
      if (failure) throw failure;
      const grant = exchanged.get(authorisationId);
      if (!grant) throw new JourneyError('unknown', 'The bank’s answer was lost; please start again.', false);
      onUpdate(progress(undefined, true));
      for (;;) {
        const job = await call<JobView & { consentId: string }>(`/v1/session/jobs/${grant.jobId}`, { signal });
        onUpdate(progress(job, true));
        if (job.status === 'succeeded') return { consentId: grant.consentId, institutionId: grant.institutionId, ...(grant.receiptUrl ? { receiptUrl: grant.receiptUrl } : {}) };
        if (job.status === 'failed') throw new JourneyError(job.error?.code === 'institution-down' ? 'bank-unavailable' : 'unknown', job.error?.detail ?? 'The connection failed.');
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
