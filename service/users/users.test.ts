import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../schema/index.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let a: Awaited<ReturnType<typeof addPartner>>;
let b: Awaited<ReturnType<typeof addPartner>>;
beforeAll(async () => {
  t = await createTestApp();
  a = await addPartner(t, { name: 'Alpha' });
  b = await addPartner(t, { name: 'Beta' });
});
afterAll(() => t.close());

const create = async (partner: typeof a, body: unknown) => partner.call('/v1/users', { method: 'POST', body });

describe('POST /v1/users', () => {
  it('creates a user with a Location, normalising an Australian mobile to E.164', async () => {
    const res = await create(a, { email: 'jo@example.com', mobile: '0412 345 678', reference: 'cust-1' });
    expect(res.status).toBe(201);
    const user = (await res.json()) as User;
    expect(user).toEqual({ id: expect.stringMatching(/^usr_[0-9A-Za-z]{16}$/), email: 'jo@example.com', mobile: '+61412345678', reference: 'cust-1', createdAt: t.clock.now().toISOString() });
    expect(res.headers.get('location')).toBe(`/v1/users/${user.id}`);
  });

  it('accepts any one identifier alone', async () => {
    for (const body of [{ email: 'only@example.com' }, { mobile: '+44 7700 900123' }, { reference: 'only-ref' }]) {
      expect((await create(a, body)).status, JSON.stringify(body)).toBe(201);
    }
  });

  it('answers 400 with field paths for bad values, unknown fields and an empty body', async () => {
    const res = await create(a, { email: 'not-an-email', mobile: '12', reference: '', nickname: 'x' });
    const problem = await problemOf(res);
    expect(res.status).toBe(400);
    expect(problem.errors!.map((e) => e.path).sort()).toEqual(['body', 'body.email', 'body.mobile', 'body.reference']);
    const empty = await problemOf(await create(a, {}));
    expect(empty.errors).toEqual([{ path: 'body', message: 'Give at least one of email, mobile or reference' }]);
  });

  it('answers 409 when the reference is already used in the application, but not across applications', async () => {
    expect((await create(a, { reference: 'dup' })).status).toBe(201);
    const again = await create(a, { reference: 'dup' });
    expect(again.status).toBe(409);
    expect((await problemOf(again)).errors).toEqual([{ path: 'body.reference', message: 'Already used by another user' }]);
    expect((await create(b, { reference: 'dup' })).status).toBe(201);
  });

  it('needs users:write (403) and a key (401)', async () => {
    const reader = await addPartner(t, { name: 'Reader' }, ['users:read']);
    expect((await create(reader, { reference: 'x' })).status).toBe(403);
    expect((await a.call('/v1/users', { method: 'POST', body: { reference: 'x' }, key: null })).status).toBe(401);
  });
});

describe('GET /v1/users/{id}, GET /v1/users', () => {
  it('reads a user back; 404 for an unknown id; 400 for a malformed id', async () => {
    const user = (await (await create(a, { email: 'read@example.com' })).json()) as User;
    expect(await (await a.call(`/v1/users/${user.id}`)).json()).toEqual(user);
    expect((await a.call('/v1/users/usr_0000000000000000')).status).toBe(404);
    const bad = await a.call('/v1/users/42');
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors![0]!.path).toBe('param.id');
  });

  it('lists users in pages', async () => {
    const all = (await (await a.call('/v1/users?limit=100')).json()) as { data: User[]; nextCursor: null };
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await a.call(`/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { data: User[]; nextCursor: string | null };
      seen.push(...page.data.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.data.map((u) => u.id));
    expect(seen.length).toBeGreaterThan(3);
  });

  it('finds a user by reference (?reference=): a page of that one user, empty when none, never another application\'s', async () => {
    const made = (await (await create(a, { reference: 'cust-lookup', email: 'lookup@example.com' })).json()) as User;
    expect(await (await a.call('/v1/users?reference=cust-lookup')).json()).toEqual({ data: [made], nextCursor: null });
    expect(await (await a.call('/v1/users?reference=nobody')).json()).toEqual({ data: [], nextCursor: null });
    expect(await (await b.call('/v1/users?reference=cust-lookup')).json()).toEqual({ data: [], nextCursor: null });
    const bad = await a.call(`/v1/users?reference=${'x'.repeat(129)}`);
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors).toEqual([{ path: 'query.reference', message: 'At most 128 characters' }]);
    const spec = (await (await t.app.request('/openapi.json')).json()) as { paths: Record<string, { get: { parameters: { name: string }[]; description?: string } }> };
    expect(spec.paths['/v1/users']!.get.parameters.map((p) => p.name)).toContain('reference');
    expect(spec.paths['/v1/users']!.get.description).toContain('409');
  });

  it("keeps users apart: another application's user is not found, nor listed", async () => {
    const aUser = (await (await create(a, { email: 'private@example.com' })).json()) as User;
    expect((await b.call(`/v1/users/${aUser.id}`)).status).toBe(404);
    const bList = (await (await b.call('/v1/users?limit=100')).json()) as { data: User[] };
    expect(bList.data.map((u) => u.id)).not.toContain(aUser.id);
    expect(bList.data.every((u) => u.email !== 'private@example.com')).toBe(true);
  });
});
