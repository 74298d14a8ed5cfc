import type { ServiceFixture } from '../../e2e/support/service-fixture.js';
import { authoriseAtBank, postGrant } from '../../service/testing/connect-flow.js';

/** What the service acknowledged: each of these must survive any crash after the answer (invariants.ts). */
export interface Ledger {
  /** Grants whose callback answered 303: the outcome is read (perhaps after a restart) through the session. */
  readonly grants: { token: string; resultRef: string; consentId?: string; outcome?: string }[];
  readonly revocations: Set<string>;
  readonly publishes: number[];
  readonly refreshes: string[];
  /** Consents granted and not revoked, as far as the acknowledgements tell. */
  readonly active: Set<string>;
  /** Answers no request should get while the service is up (a 5xx, an unexpected status). */
  readonly unexpected: string[];
}

export const newLedger = (): Ledger => ({ grants: [], revocations: new Set(), publishes: [], refreshes: [], active: new Set(), unexpected: [] });

export type OperationKind = 'grant' | 'revoke' | 'publish' | 'refresh';

/**
 * The partner's and end users' operations against the service, each recording what was acknowledged.
 * `alive()` says whether the service was up when an operation failed: failures after a kill are expected
 * and recorded nowhere; failures while it is up are `unexpected`.
 */
export function workload(f: ServiceFixture, ledger: Ledger, alive: () => boolean) {
  const inFlight: Record<OperationKind, number> = { grant: 0, revoke: 0, publish: 0, refresh: 0 };
  let banks = 0;

  const expect = (what: string, res: Response, ...statuses: number[]) => {
    if (!statuses.includes(res.status)) throw new Error(`${what} answered ${res.status}`);
  };

  async function track(kind: OperationKind, operation: () => Promise<void>): Promise<void> {
    inFlight[kind]++;
    try {
      await operation();
    } catch (error) {
      if (alive()) ledger.unexpected.push(`${kind}: ${(error as Error).message}`);
    } finally {
      inFlight[kind]--;
    }
  }

  /** Reads the outcome of an acknowledged grant through its session, as the partner's page would. */
  async function readOutcome(grant: Ledger['grants'][number]): Promise<void> {
    const res = await fetch(`${f.url}/v1/session/results/${grant.resultRef}`, { headers: { authorization: `Bearer ${grant.token}` } });
    expect('grant outcome', res, 200);
    const outcome = (await res.json()) as { status: string; consentId?: string };
    grant.outcome = outcome.status;
    if (outcome.consentId) grant.consentId = outcome.consentId;
    if (outcome.status === 'exchanged' && outcome.consentId && !ledger.revocations.has(outcome.consentId)) ledger.active.add(outcome.consentId);
  }

  const pick = <T>(items: Iterable<T>, random: () => number): T | undefined => {
    const list = [...items];
    return list[Math.floor(random() * list.length)];
  };

  return {
    inFlight,
    readOutcome,
    /** A new user connects a bank: the data holder's pages, then the callback and the outcome. */
    grant: () =>
      track('grant', async () => {
        // Both sandbox brands, so runs do not all queue behind one holder brand.
        const institutionId = banks++ % 2 ? 'sandbox-credit-union' : 'sandbox-bank';
        const flow = await authoriseAtBank(f.journeyTarget, f.partner, { institutionId, accounts: ['jsmith-everyday'] });
        if (!flow.redirect) throw new Error(`journey stopped: ${flow.started.status}`);
        const callback = await postGrant(flow);
        expect('callback', callback, 303);
        const resultRef = new URL(callback.headers.get('location')!).searchParams.get('consent_ui_result')!;
        const grant = { token: flow.token, resultRef };
        ledger.grants.push(grant);
        await readOutcome(grant);
      }),
    /** The partner revokes a consent it believes active (409: a revocation whose answer the crash lost). */
    revoke: (random: () => number) =>
      track('revoke', async () => {
        const consentId = pick(ledger.active, random);
        if (!consentId) return;
        ledger.active.delete(consentId);
        const res = await f.partner.call(`/v1/consents/${consentId}?deleteData=true`, { method: 'DELETE' });
        expect('revoke', res, 200, 409);
        if (res.status === 200) ledger.revocations.add(consentId);
      }),
    /** The partner edits its draft and publishes it. */
    publish: (label: string) =>
      track('publish', async () => {
        const read = await f.partner.call('/v1/config/draft');
        expect('draft', read, 200);
        const draft = (await read.json()) as { config: { consent: { subtitle: string } } };
        draft.config.consent.subtitle = `Fault run ${label}`;
        const saved = await fetch(`${f.url}/v1/config/draft`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${f.apiKey}`, 'content-type': 'application/json', 'if-match': read.headers.get('etag')! },
          body: JSON.stringify(draft.config),
        });
        // 412/409: another publish of this run got in between (a correct answer, nothing acknowledged).
        expect('save draft', saved, 200, 412);
        if (saved.status !== 200) return;
        const published = await f.partner.call('/v1/config/publish', { method: 'POST' });
        expect('publish', published, 201, 409);
        if (published.status === 201) ledger.publishes.push(((await published.json()) as { version: number }).version);
      }),
    /** The partner asks for fresh data on a consent it believes active. */
    refresh: (random: () => number) =>
      track('refresh', async () => {
        const consentId = pick(ledger.active, random);
        if (!consentId) return;
        const res = await f.partner.call(`/v1/connections/${consentId}/refresh`, { method: 'POST' });
        expect('refresh', res, 202, 403);
        if (res.status === 202) ledger.refreshes.push(((await res.json()) as { jobId: string }).jobId);
      }),
  };
}
