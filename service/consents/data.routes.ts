import { Hono } from 'hono';
import { z } from 'zod';
import { accountsQuerySchema, transactionsQuerySchema } from '../../schema/index.js';
import { notFound } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { afterCursor, decodeCursor, toPage } from '../http/pagination.js';
import { describeRoute } from '../openapi/describe.js';
import { consentEnded } from './consent-queries.js';
import { findConsent, listUserConsents, type ConsentRecord } from './consents.repository.js';
import { findJob, insertJob } from './jobs.repository.js';
import { findUser } from '../users/users.repository.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

const idParam = z.strictObject({ id: z.string().min(1).max(64) });
const tags = ['Data'];

/**
 * The consents whose data a request may read: the user's active ones (optionally one named). With none
 * active, the newest ended one answers 403 saying how it ended, so partners learn why data is gone.
 */
async function activeConsents(deps: LifecycleDeps, appId: string, userId: string, consentId?: string): Promise<ConsentRecord[]> {
  if (!(await findUser(deps.db, appId, userId))) throw notFound('User');
  const consents = (await listUserConsents(deps.db, appId, userId)).filter((c) => !consentId || c.id === consentId);
  if (consentId && consents.length === 0) throw notFound('Consent');
  const active = consents.filter((c) => c.status === 'active');
  if (active.length === 0 && consents[0]) throw consentEnded(consents[0]);
  return active;
}

/**
 * Each account once, from the newest active consent that holds it: two active consents over the same
 * account each keep their own copy, and the partner sees one account, not two.
 */
async function accountOwners(deps: LifecycleDeps, consents: readonly ConsentRecord[]) {
  const rank = new Map(consents.map((consent, index) => [consent.id, index])); // newest first
  const rows = await deps.db.selectFrom('accounts').select(['id', 'consent_id', 'data']).where('consent_id', 'in', consents.map((x) => x.id)).execute();
  const owners = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const current = owners.get(row.id);
    if (!current || rank.get(row.consent_id)! < rank.get(current.consent_id)!) owners.set(row.id, row);
  }
  return owners;
}

/** Partner routes for the data the sandbox bank shared: only what an active consent covers. */
export function dataRoutes(deps: LifecycleDeps) {
  const { db, clock } = deps;
  const app = new Hono<AppEnv>();

  app.get(
    '/v1/users/:id/accounts',
    describeRoute({ summary: 'Accounts shared under the user’s active consents, by id', tags, responses: { 200: { description: 'A page of accounts, fields as the consent’s clusters allow' }, 403: { description: 'The consent expired or was revoked' } } }),
    deps.requireKey('data:read'),
    validate('param', idParam),
    validate('query', accountsQuerySchema),
    async (c) => {
      const { appId } = c.get('principal');
      const query = c.req.valid('query');
      const consents = await activeConsents(deps, appId, c.req.valid('param').id, query.consentId);
      if (consents.length === 0) return c.json({ data: [], nextCursor: null });
      // Paged after de-duplication (accountOwners), so in memory: a user has accounts by the handful.
      const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
      const rows = [...(await accountOwners(deps, consents)).values()].filter((r) => after === undefined || r.id > after).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return c.json(toPage(rows.slice(0, query.limit + 1), query.limit, (r) => JSON.parse(r.data) as unknown, (r) => [r.id]));
    },
  );

  app.get(
    '/v1/users/:id/transactions',
    describeRoute({ summary: 'Transactions shared under active consents with “Transaction details”, within their retrieval span', tags, responses: { 200: { description: 'Newest first, paginated' }, 403: { description: 'The consent expired or was revoked' } } }),
    deps.requireKey('data:read'),
    validate('param', idParam),
    validate('query', transactionsQuerySchema),
    async (c) => {
      const { appId } = c.get('principal');
      const query = c.req.valid('query');
      const consents = (await activeConsents(deps, appId, c.req.valid('param').id, query.consentId)).filter((x) => x.terms.clusters.includes('bank:transactions:read'));
      if (consents.length === 0) return c.json({ data: [], nextCursor: null });
      // Each account's transactions come from one consent (the newest holding it), and reach back only
      // as far as that consent's retrieval span (Rule 4.11(3)(c)).
      const owners = await accountOwners(deps, consents);
      const byConsent = new Map<string, string[]>();
      for (const [accountId, row] of owners) byConsent.set(row.consent_id, [...(byConsent.get(row.consent_id) ?? []), accountId]);
      if (byConsent.size === 0) return c.json({ data: [], nextCursor: null });
      let q = db.selectFrom('transactions').select(['id', 'posted_at', 'data', 'consent_id']);
      q = q.where((eb) =>
        eb.or(consents.filter((x) => byConsent.has(x.id)).map((x) => eb.and([eb('consent_id', '=', x.id), eb('account_id', 'in', byConsent.get(x.id)!), eb('posted_at', '>=', x.terms.retrievalFrom)]))),
      );
      if (query.accountId) q = q.where('account_id', '=', query.accountId);
      if (query.from) q = q.where('posted_at', '>=', new Date(query.from).toISOString());
      if (query.to) q = q.where('posted_at', '<=', new Date(query.to).toISOString());
      if (query.cursor) q = q.where(afterCursor(query.cursor, 'posted_at', 'id', { time: 'desc', id: 'desc' }));
      const rows = await q.orderBy('posted_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
      return c.json(toPage(rows, query.limit, (r) => JSON.parse(r.data) as unknown, (r) => [r.posted_at, r.id]));
    },
  );

  app.post(
    '/v1/connections/:id/refresh',
    describeRoute({ summary: 'Fetch newer data within the consent (a connection shares its consent’s id)', tags, responses: { 202: { description: 'A refresh job was queued' }, 403: { description: 'The consent expired or was revoked' }, 404: { description: 'Not found' } } }),
    deps.requireKey('data:read'),
    validate('param', idParam),
    async (c) => {
      const { appId } = c.get('principal');
      const consent = await findConsent(db, appId, c.req.valid('param').id);
      if (!consent) throw notFound('Connection');
      if (consent.status !== 'active') throw consentEnded(consent);
      const jobId = await insertJob(db, appId, consent.id, 'refresh', clock.now().toISOString());
      deps.jobs.kick();
      return c.json({ jobId, status: 'queued' }, 202);
    },
  );

  app.get(
    '/v1/jobs/:id',
    describeRoute({ summary: 'A connection job: each step’s status, and where and why it failed', tags, responses: { 200: { description: 'The job' }, 404: { description: 'Not found' } } }),
    deps.requireKey('data:read'),
    validate('param', idParam),
    async (c) => {
      const job = await findJob(db, c.get('principal').appId, c.req.valid('param').id);
      if (!job) throw notFound('Job');
      return c.json(job);
    },
  );

  return app;
}
