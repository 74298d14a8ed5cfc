import { authoriseAtBank, outcomeOf, postGrant } from '../connect-flow.js';
import { addPartner } from '../partner.js';
import { createTestApp } from '../test-app.js';
import type { KnownValues } from './fuzz-requests.js';

export type FuzzApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * A service with something behind every route, so that fuzzed requests reach real rows: a partner with
 * every scope, a user with a granted consent (and its job, receipt and result), a pending authorisation,
 * a webhook, a second key to delete, a revoked key, a published version, an editor session and unspent
 * editor links. What could not be set up (a data holder that is not there) is left out, not fatal.
 */
export async function fuzzFixture() {
  const t = await createTestApp();
  const partner = await addPartner(t, { name: 'Fuzz Partner', origins: ['http://localhost:3000'] });
  const json = async (res: Response | Promise<Response>) => (await res) as Response;
  const post = (path: string, body?: unknown) => partner.call(path, { method: 'POST', ...(body === undefined ? {} : { body }) });

  const user = (await (await json(post('/v1/users', { reference: 'fuzz-user' }))).json()) as { id: string };
  const victim = (await (await json(post('/v1/api-keys', { name: 'Victim', scopes: ['users:read'] }))).json()) as { id: string };
  const revoked = (await (await json(post('/v1/api-keys', { name: 'Revoked', scopes: ['users:read'] }))).json()) as { id: string; key: string };
  await partner.call(`/v1/api-keys/${revoked.id}`, { method: 'DELETE' });
  const webhook = (await (await json(post('/v1/webhooks', { url: 'https://partner.example/hooks', events: ['consent.granted'] }))).json()) as { id?: string };
  const draft = await partner.call('/v1/config/draft');
  await partner.call('/v1/config/draft', { method: 'PUT', body: { consent: { brandName: 'Fuzz Money' } }, headers: { 'if-match': draft.headers.get('etag')! } });
  await post('/v1/config/publish');

  const links: string[] = [];
  for (let i = 0; i < 3; i++) {
    const { url } = (await (await json(post('/v1/editor-links'))).json()) as { url: string };
    links.push(new URL(url).searchParams.get('link')!);
  }
  const opened = await t.app.request('/editor', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ link: links.pop()! }).toString() });
  const editorCookie = opened.headers.get('set-cookie')?.split(';')[0] ?? '';

  const consent: Record<string, string | undefined> = {};
  try {
    const flow = await authoriseAtBank(t, partner, { userId: user.id });
    if (flow.redirect) {
      const callback = await postGrant(flow);
      await t.lifecycle.jobs.runPending();
      await t.lifecycle.jobs.idle();
      const outcome = await outcomeOf(flow, callback);
      Object.assign(consent, { consentId: outcome.consentId, jobId: outcome.jobId, receiptId: outcome.receiptUrl?.split('/').pop(), result: new URL(callback.headers.get('location')!).searchParams.get('consent_ui_result') ?? undefined });
    }
    const pending = await authoriseAtBank(t, partner, { userId: user.id, choice: 'abandon', institutionId: 'sandbox-credit-union' });
    consent.authorisationId = pending.authorisationId;
    const accounts = (await (await json(partner.call(`/v1/users/${user.id}/accounts`))).json()) as { data?: { accountId: string }[] };
    consent.accountId = accounts.data?.[0]?.accountId;
  } catch (error) {
    console.warn(`route fuzzer: no consent to fuzz against (${String(error).slice(0, 200)})`);
  }

  const list = (...values: (string | undefined)[]) => values.filter((v): v is string => !!v);
  const known: KnownValues = {
    users: list(user.id), userId: list(user.id), id: [],
    consents: list(consent.consentId), consentId: list(consent.consentId), amend: list(consent.consentId),
    'api-keys': list(victim.id), webhooks: list(webhook.id), jobs: list(consent.jobId), connections: list(consent.consentId),
    authorisations: list(consent.authorisationId), results: list(consent.result), ref: list(consent.result),
    receiptId: list(consent.receiptId), versions: ['1', '2'], n: ['1', '2'], appId: list(partner.appId, 'demo'),
    file: ['sandbox-bank.svg', 'cba.svg'], institutionId: ['sandbox-bank', 'sandbox-credit-union', 'cba'], reference: ['fuzz-user'], link: links,
    returnUrl: ['http://localhost:3000/done', 'https://evil.example/'], accountId: list(consent.accountId),
    // Cursors of the right shape with the wrong content: the page queries take what decodes.
    cursor: ['[1]', '["x"]', '["2026-11-25T00:00:00.000Z","zzz"]', '[1e308,-1e308]', '[null,null]', '[[],{}]', '["\\u0000","\\uffff"]', '[9007199254740993,"a"]', '["", ""]']
      .map((json) => Buffer.from(json).toString('base64url')),
    // A fresh session token, minted as the request is sent (the hosted pages' ?session=).
    session: ['{SESSION}'],
  };
  return { t, partner, userId: user.id, revokedKey: revoked.key, editorCookie, known };
}
