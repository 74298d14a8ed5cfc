import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authoriseAtBank, grant } from '../testing/connect-flow.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

// Pagination of the consent and data lists: the same `limit` + `cursor` → `nextCursor` as every list.
let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
let userId: string;
let consentIds: string[];
let manageToken: string;
beforeAll(async () => {
  t = await createTestApp();
  partner = await addPartner(t);
  // One connect session at a time: a newer one replaces the older (sessions.test.ts).
  const connect = async (options: Parameters<typeof authoriseAtBank>[2]) => ((await (await grant(t, await authoriseAtBank(t, partner, options))).json()) as { consentId: string }).consentId;
  const first = await connect({ accounts: ['jsmith-everyday'] });
  userId = (await t.db.selectFrom('consents').select('user_id').where('id', '=', first).executeTakeFirstOrThrow()).user_id;
  // One active consent per bank (a second connect at the same bank changes the first): another bank.
  consentIds = [first, await connect({ userId, accounts: ['jsmith-everyday'], institutionId: 'sandbox-credit-union' })];
  manageToken = ((await (await partner.call('/v1/sessions', { method: 'POST', body: { userId, purpose: 'manage' } })).json()) as { token: string }).token;
});
afterAll(() => t.close());

type Page = { data: { id: string }[]; nextCursor: string | null };
const asManage = (path: string) => t.app.request(path, { headers: { authorization: `Bearer ${manageToken}` } });

const lists = [
  ['GET /v1/users/{id}/consents', () => `/v1/users/${userId}/consents`, (path: string) => partner.call(path)],
  ['GET /v1/users/{id}/accounts', () => `/v1/users/${userId}/accounts`, (path: string) => partner.call(path)],
  ['GET /v1/session/consents', () => '/v1/session/consents', asManage],
] as const;

describe.each(lists)('%s', (_name, path, get) => {
  it('answers one item and a nextCursor for ?limit=1, the next item after it, and null at the end', async () => {
    const all = (await (await get(path())).json()) as Page;
    expect(all.data).toHaveLength(2);
    expect(all.nextCursor).toBeNull();

    const first = await get(`${path()}?limit=1`);
    expect(first.status).toBe(200);
    const one = (await first.json()) as Page;
    expect(one.data).toHaveLength(1);
    expect(one.nextCursor).toEqual(expect.any(String));
    const two = (await (await get(`${path()}?limit=1&cursor=${encodeURIComponent(one.nextCursor!)}`)).json()) as Page;
    expect(two.data).toHaveLength(1);
    expect(two.nextCursor).toBeNull();
    expect([one.data[0], two.data[0]]).toEqual(all.data);
  });

  it('answers 400 with the path for a bad limit or cursor', async () => {
    for (const [query, where] of [['limit=0', 'query.limit'], ['limit=101', 'query.limit'], ['limit=two', 'query.limit'], ['cursor=not-a-cursor', 'query.cursor']] as const) {
      const res = await get(`${path()}?${query}`);
      expect(res.status, query).toBe(400);
      expect((await problemOf(res)).errors!.map((e) => e.path), query).toEqual([where]);
    }
  });
});

describe('GET /v1/session/consents', () => {
  it('keeps the manager’s { data } and adds nextCursor; pages of 50 unless asked otherwise', async () => {
    const body = (await (await asManage('/v1/session/consents')).json()) as Page;
    expect(Object.keys(body).sort()).toEqual(['data', 'nextCursor']);
    expect(body.data.map((c) => c.id).sort()).toEqual([...consentIds].sort());
    // 50 of more consents than that: the default page, then the rest.
    const more = await t.db.selectFrom('consents').selectAll().where('id', '=', consentIds[0]!).executeTakeFirstOrThrow();
    const state = await t.db.selectFrom('consent_states').selectAll().where('consent_id', '=', consentIds[0]!).executeTakeFirstOrThrow();
    for (let i = 0; i < 55; i++) {
      const id = `cns_copy${String(i).padStart(12, '0')}`;
      await t.db.insertInto('consents').values({ ...more, id, receipt_id: `rcpt_copy${String(i).padStart(19, '0')}`, idempotency_key: `copy-${i}`, created_at: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z` }).execute();
      await t.db.insertInto('consent_states').values({ ...state, consent_id: id }).execute();
    }
    const page = (await (await asManage('/v1/session/consents')).json()) as Page;
    expect(page.data).toHaveLength(50);
    const rest = (await (await asManage(`/v1/session/consents?cursor=${encodeURIComponent(page.nextCursor!)}`)).json()) as Page;
    expect(rest.data).toHaveLength(7);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...page.data, ...rest.data].map((c) => c.id)).size).toBe(57);
  });
});
