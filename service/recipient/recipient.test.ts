import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64url, decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorise, browser, createTestRecipient } from '../../data-holder/auth/test-recipient.js';
import { startSandboxDataHolder } from '../../data-holder/sandbox.js';
import { tableNames } from '../db/dialect.js';
import { authoriseAtBank, grant, outcomeOf, watchCodeExchanges } from '../testing/connect-flow.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
beforeAll(async () => {
  t = await createTestApp();
  partner = await addPartner(t);
});
afterAll(() => t.close());

type Json = Record<string, any>;
type Flow = Awaited<ReturnType<typeof authoriseAtBank>>;

const callback = (response: string) => t.app.request(`/connect/callback?${new URLSearchParams({ response })}`);
const answerOf = (flow: Flow) => flow.redirect!.searchParams.get('response')!;

async function connected(options: Parameters<typeof authoriseAtBank>[2] = {}) {
  const flow = await authoriseAtBank(t, partner, options);
  const res = await grant(t, flow);
  expect(res.status, await res.clone().text()).toBe(201);
  const granted = (await res.json()) as { consentId: string; jobId: string };
  const consent = await t.db.selectFrom('consents').select(['arrangement_id', 'issuer']).where('id', '=', granted.consentId).executeTakeFirstOrThrow();
  return { ...flow, granted, arrangementId: consent.arrangement_id! };
}

/** The consent's tokens as the service keeps them, and opened. */
async function tokensOf(consentId: string) {
  const row = await t.db.selectFrom('arrangement_tokens').selectAll().where('consent_id', '=', consentId).executeTakeFirstOrThrow();
  const vault = await t.recipient.vault();
  return { row, access: await vault.open(row.access_token), refresh: row.refresh_token ? await vault.open(row.refresh_token) : undefined };
}

const resourceBase = async () => (await t.db.selectFrom('institutions').select('resource_base_uri').where('id', '=', 'sandbox-bank').executeTakeFirstOrThrow()).resource_base_uri!;
/** A CDS resource call with a given access token (Get Accounts), over the service's own mutual TLS. */
const accountsWith = async (accessToken: string) => t.recipient.accountsAt(await resourceBase(), accessToken);
const consentRecord = async (consentId: string) => (await (await partner.call(`/v1/consents/${consentId}`)).json()) as Json;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the holder’s answer at our callback', () => {
  it('refuses an answer that is not the holder’s to us for this request (bad signature, another recipient, another issuer) with 400, and records nothing', async () => {
    const flow = await authoriseAtBank(t, partner);
    const exchanges = await watchCodeExchanges(t);
    const genuine = answerOf(flow);
    const { state } = (await t.db.selectFrom('authorisations').select('state').where('id', '=', flow.authorisationId!).executeTakeFirstOrThrow());
    const [header, payload] = genuine.split('.');

    // The holder's JWT with its payload changed (another code), and the same claims under a key of our own with the holder's kid.
    const changed = base64url.encode(JSON.stringify({ ...decodeJwt(genuine), code: 'a-code-of-my-choosing' }));
    const tampered = `${header}.${changed}.${genuine.split('.')[2]}`;
    const { privateKey } = await generateKeyPair('PS256');
    const selfSigned = await new SignJWT(decodeJwt(genuine)).setProtectedHeader({ alg: 'PS256', kid: decodeProtectedHeader(genuine).kid! }).sign(privateKey);

    // Genuine answers carrying our request's state: from the same holder to another recipient, and from another holder.
    const other = await createTestRecipient(t.dataHolder.register, t.dataHolder.issuer);
    const elsewhere = await startSandboxDataHolder();
    const elsewhereRecipient = await createTestRecipient(elsewhere.register, elsewhere.issuer);
    const otherCustomer = browser(t.dataHolder.caCert);
    const elsewhereCustomer = browser(elsewhere.caCert);
    try {
      const toAnother = (await authorise(other, otherCustomer, { state })).callback.searchParams.get('response')!;
      const fromAnother = (await authorise(elsewhereRecipient, elsewhereCustomer, { state })).callback.searchParams.get('response')!;
      expect(decodeJwt(toAnother)).toMatchObject({ state, iss: t.dataHolder.issuer, aud: other.clientId });
      expect(decodeJwt(fromAnother)).toMatchObject({ state, iss: elsewhere.issuer });

      for (const [what, response] of [['tampered', tampered], ['self-signed', selfSigned], ['to another recipient', toAnother], ['from another holder', fromAnother], ['not a JWT', 'not-a-jwt'], ['unknown state', `${header}.${base64url.encode(JSON.stringify({ ...decodeJwt(genuine), state: 'nope' }))}.x`]] as const) {
        const res = await callback(response);
        expect(res.status, what).toBe(400);
        expect(res.headers.get('location'), what).toBeNull();
      }
    } finally {
      await Promise.all([otherCustomer.close(), elsewhereCustomer.close(), other.close(), elsewhereRecipient.close()]);
      await elsewhere.close();
    }

    const row = await t.db.selectFrom('authorisations').selectAll().where('id', '=', flow.authorisationId!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', claimed_at: null, result_ref: null, error_code: null, consent_id: null });
    expect(exchanges.count).toBe(0);
    expect(((await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as Json).data).toEqual([]);

    // The genuine answer was not spent by any of that.
    const res = await grant(t, flow);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(exchanges.count).toBe(1);
    exchanges.stop();
  });

  it('takes the same answer 3 times in a row and 3 at once: one consent and one code exchange each', async () => {
    for (const arrival of ['in a row', 'at once'] as const) {
      const flow = await authoriseAtBank(t, partner);
      const exchanges = await watchCodeExchanges(t);
      const taken = arrival === 'in a row' ? [await callback(answerOf(flow)), await callback(answerOf(flow)), await callback(answerOf(flow))] : await Promise.all([0, 1, 2].map(() => callback(answerOf(flow))));
      expect(taken.map((r) => r.status), arrival).toEqual([303, 303, 303]);
      expect(new Set(taken.map((r) => r.headers.get('location'))).size, arrival).toBe(1);
      await t.lifecycle.jobs.runPending();
      await t.lifecycle.jobs.idle();
      expect(exchanges.count, arrival).toBe(1);
      exchanges.stop();
      const outcome = await outcomeOf(flow, taken[0]!);
      expect(outcome.status, arrival).toBe('exchanged');
      const consents = ((await (await partner.call(`/v1/users/${flow.userId}/consents`)).json()) as Json).data;
      expect(consents.map((c: Json) => c.id), arrival).toEqual([outcome.consentId]);
      expect((await tokensOf(outcome.consentId!)).row.version, arrival).toBe(1);
    }
  });
});

describe('tokens at rest', () => {
  it('keeps the tokens and the PKCE verifier sealed: none of them appears in its row or anywhere in the database files', async () => {
    const flow = await connected();
    const { row, access, refresh } = await tokensOf(flow.granted.consentId);
    expect(refresh).toBeDefined();
    // They are the holder's live tokens...
    expect(await t.dataHolder.server.provider.AccessToken.find(access)).toBeDefined();
    expect((await accountsWith(access)).length).toBe(2);
    // ...and the service keeps them only as sealed JWEs.
    for (const sealed of [row.access_token, row.refresh_token!]) expect(sealed.split('.')).toHaveLength(5);
    const authorisation = await t.db.selectFrom('authorisations').select('code_verifier').where('id', '=', flow.authorisationId!).executeTakeFirstOrThrow();
    const verifier = await (await t.recipient.vault()).open(authorisation.code_verifier!);
    const secrets = [access, refresh!, verifier];
    for (const secret of secrets) expect(JSON.stringify(row)).not.toContain(secret);
    const files = ['test.db', 'test.db-wal'].map((f) => join(t.dir, f)).filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1'));
    // PostgreSQL's files are the server's: every row of every table stands in for them.
    for (const table of await tableNames(t.db)) files.push(JSON.stringify((await sql`select * from ${sql.table(table)}`.execute(t.db)).rows));
    for (const secret of secrets) for (const file of files) expect(file.includes(secret)).toBe(false);
  });
});

describe('ending an arrangement, both ways', () => {
  it('a withdrawal through the partner API ends the arrangement at the holder once the scheduler runs', async () => {
    const flow = await connected();
    const { access } = await tokensOf(flow.granted.consentId);
    expect((await accountsWith(access)).length).toBe(2);

    expect((await partner.call(`/v1/consents/${flow.granted.consentId}`, { method: 'DELETE' })).status).toBe(200);
    // The withdrawal is owed to the holder, in the same transaction; it is sent by the scheduler.
    const owed = await t.db.selectFrom('holder_revocations').selectAll().where('consent_id', '=', flow.granted.consentId).executeTakeFirstOrThrow();
    expect(owed).toMatchObject({ arrangement_id: flow.arrangementId, done_at: null });
    expect(await t.db.selectFrom('arrangement_tokens').select('consent_id').where('consent_id', '=', flow.granted.consentId).executeTakeFirst()).toBeUndefined();
    expect(t.dataHolder.server.arrangements.get(flow.arrangementId)?.status).toBe('active');

    await t.lifecycle.scheduler.tick();
    expect(t.dataHolder.server.arrangements.get(flow.arrangementId)?.status).toBe('revoked');
    expect(await t.dataHolder.server.provider.AccessToken.find(access)).toBeUndefined();
    await expect(accountsWith(access)).rejects.toMatchObject({ status: 401 });
    expect((await t.db.selectFrom('holder_revocations').select('done_at').where('consent_id', '=', flow.granted.consentId).executeTakeFirstOrThrow()).done_at).not.toBeNull();
  });

  it('the customer stopping the arrangement at the holder’s dashboard ends the consent as revoked by the data holder', async () => {
    const flow = await connected();
    const customer = browser(t.dataHolder.caCert);
    const dashboard = `${t.dataHolder.issuer}/consumer`;
    const csrfOf = async () => /name="csrf" value="([^"]+)"/.exec(await (await customer.request(dashboard)).text())?.[1] ?? '';
    try {
      expect((await customer.request(`${dashboard}/login`, { form: { loginId: 'jsmith', csrf: await csrfOf() } })).status).toBe(303);
      expect((await customer.request(`${dashboard}/otp`, { form: { otp: '000789', csrf: await csrfOf() } })).status).toBe(303);
      const list = await (await customer.request(dashboard)).text();
      expect(list).toContain(`/consumer/arrangements/${flow.arrangementId}/stop`);
      expect((await customer.request(`${dashboard}/arrangements/${flow.arrangementId}/stop`, { form: { csrf: await csrfOf() } })).status).toBe(303);
    } finally {
      await customer.close();
    }
    // The holder tells us on its own, after answering the customer's page.
    const record = await eventually(() => consentRecord(flow.granted.consentId), (r) => r.consent.status === 'revoked');
    expect(record.events.map((e: Json) => [e.type, e.actor])).toEqual([['granted', `user:${flow.userId}`], ['revoked', 'data-holder'], ['data-deleted', 'system']]);
    expect((await problemOf(await partner.call(`/v1/users/${flow.userId}/accounts`))).type).toBe('/problems/consent-revoked');
    // Nothing is owed back to the holder: it ended the arrangement itself.
    expect(await t.db.selectFrom('holder_revocations').select('consent_id').where('consent_id', '=', flow.granted.consentId).executeTakeFirst()).toBeUndefined();
  });

  it('refuses a revocation notice not signed by a data holder it knows (401), and the consent stays active', async () => {
    const flow = await connected();
    const { privateKey } = await generateKeyPair('PS256');
    const endpoint = `${t.url}/arrangements/revoke`;
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'PS256', kid: 'forged' }).setIssuer('sandbox-bank').setSubject('sandbox-bank').setAudience(endpoint).setIssuedAt().setExpirationTime('2m').setJti(crypto.randomUUID()).sign(privateKey);
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${await sign({})}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ cdr_arrangement_jwt: await sign({ cdr_arrangement_id: flow.arrangementId }) }).toString(),
    });
    expect(res.status).toBe(401);
    expect((await consentRecord(flow.granted.consentId)).consent.status).toBe('active');
    expect(t.dataHolder.server.arrangements.get(flow.arrangementId)?.status).toBe('active');
  });
});

describe('amending', () => {
  it('sends the arrangement’s id: the holder keeps the arrangement, changes its accounts, and retires the old tokens', async () => {
    const first = await connected({ accounts: ['jsmith-everyday'] });
    const exchanges = await watchCodeExchanges(t);
    const ours = () => t.dataHolder.server.arrangements.forCustomer('jsmith').filter((a) => a.clientId === exchanges.clientId);
    const before = ours().length;
    const old = await tokensOf(first.granted.consentId);

    const changed = await connected({ userId: first.userId, amend: first.granted.consentId, accounts: ['jsmith-everyday', 'jsmith-savings'] });
    exchanges.stop();
    expect(changed.granted.consentId).toBe(first.granted.consentId);
    expect(changed.arrangementId).toBe(first.arrangementId);
    expect(ours().length).toBe(before);
    expect(t.dataHolder.server.arrangements.get(first.arrangementId)).toMatchObject({ status: 'active', accountIds: ['jsmith-everyday', 'jsmith-savings'] });
    const record = await consentRecord(first.granted.consentId);
    expect(record.events.map((e: Json) => e.type)).toEqual(['granted', 'amended']);
    expect(record.events[1].payload.arrangementId).toBe(first.arrangementId);

    const renewed = await tokensOf(first.granted.consentId);
    expect(renewed.row.version).toBe(2);
    expect(renewed.access).not.toBe(old.access);
    expect((await accountsWith(renewed.access)).length).toBe(2);
    await expect(accountsWith(old.access)).rejects.toMatchObject({ status: 401 });
  });

  it('leaves no arrangement behind at the holder when an answer cannot be recorded (another customer signed in)', async () => {
    const victim = await connected();
    // A consent that names no arrangement (as one recorded before the service held them): the holder
    // cannot refuse another customer, so the service must.
    await t.db.updateTable('consents').set({ arrangement_id: null }).where('id', '=', victim.granted.consentId).execute();
    const exchanges = await watchCodeExchanges(t);
    const flow = await authoriseAtBank(t, partner, { userId: victim.userId, purpose: 'extend', consentId: victim.granted.consentId, login: 'jwilson', accounts: ['jwilson-everyday'] });
    const refused = await grant(t, flow);
    exchanges.stop();
    expect(await refused.json()).toMatchObject({ status: 'failed', error: { code: 'different-customer' } });
    expect(exchanges.count).toBe(1);
    const made = t.dataHolder.server.arrangements.forCustomer('jwilson').filter((a) => a.clientId === exchanges.clientId).at(-1);
    expect(made?.status).toBe('revoked');
    expect((await consentRecord(victim.granted.consentId)).events.map((e: Json) => e.type)).toEqual(['granted']);
  });
});
