import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, institutionListSchema, type InstitutionList } from '../../schema/index.js';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { BRAND_PRESENTATION } from './brand-presentation.js';
import { silentLogger } from '../logging/logger.js';
import { setInstitutionStatus } from './institutions.repository.js';
import { syncInstitutionsFromRegister } from './register-sync.js';
import { foregroundFor, monogramLetters } from './monogram.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const list = async (appId: string, headers: Record<string, string> = {}) => {
  const res = await t.app.request(`http://localhost:8787/v1/apps/${appId}/institutions`, { headers });
  return { res, body: res.status === 200 ? institutionListSchema.parse(await res.json()) : undefined };
};

describe('GET /v1/apps/{appId}/institutions', () => {
  it('lists every institution for the demo app (mode all), sandbox holders first, in the shared schema', async () => {
    const { res, body } = await list('demo');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=30, must-revalidate');
    const ids = body!.data.map((i) => i.id);
    expect(ids.slice(0, 3).sort()).toEqual(['sandbox-bank', 'sandbox-credit-union', 'sandbox-offline-bank']);
    expect(ids).toEqual(expect.arrayContaining(['cba', 'westpac', 'anz', 'nab', 'macquarie', 'ing', 'ubank', 'bendigo', 'boq', 'suncorp', 'great-southern', 'heritage-peoples']));
    expect(body!.data.length).toBeGreaterThanOrEqual(43);
  });

  it('gives each sandbox holder its status, with a reason when not operational', async () => {
    const { body } = await list('demo');
    const byId = new Map(body!.data.map((i) => [i.id, i]));
    expect(byId.get('sandbox-bank')).toMatchObject({ name: 'Sandbox Bank', status: 'operational', sandbox: true });
    expect(byId.get('sandbox-bank')).not.toHaveProperty('statusReason');
    expect(byId.get('sandbox-credit-union')).toMatchObject({ name: 'Sandbox Credit Union', status: 'degraded', statusReason: expect.stringMatching(/slow/) });
    expect(byId.get('sandbox-offline-bank')).toMatchObject({ name: 'Sandbox Offline Bank', status: 'down', statusReason: expect.any(String), statusSince: '2026-11-25T00:00:00.000Z' });
    expect(byId.get('cba')).toMatchObject({ name: 'Commonwealth Bank', country: 'AU', type: 'cdr', tier: 1, sandbox: false, logoUrl: 'http://localhost:8787/logos/cba.svg' });
  });

  it('shows only the selected institutions, in the config\'s order, once published', async () => {
    const p = await addPartner(t, { name: 'Selective' });
    const { headers } = await p.call('/v1/config/draft');
    const config = { ...DEFAULT_CONFIG, institutions: { mode: 'selected', selected: ['westpac', 'sandbox-bank', 'no-such-bank', 'cba'] } };
    expect((await p.call('/v1/config/draft', { method: 'PUT', body: config, headers: { 'if-match': headers.get('etag')! } })).status).toBe(200);
    expect((await list(p.appId)).body!.data.length).toBeGreaterThan(40);
    await p.call('/v1/config/publish', { method: 'POST' });
    expect((await list(p.appId)).body!.data.map((i) => i.id)).toEqual(['westpac', 'sandbox-bank', 'cba']);
  });

  it('never lists the sandbox holders for a production application', async () => {
    const p = await addPartner(t, { name: 'Live', environment: 'production' });
    const { body } = await list(p.appId);
    expect(body!.data.some((i) => i.sandbox)).toBe(false);
    expect(body!.data.map((i) => i.id)).toContain('cba');
  });

  it('reflects a status change at once, with a new ETag; the old ETag then gets a 200', async () => {
    const first = await list('demo');
    const etag = first.res.headers.get('etag')!;
    expect((await list('demo', { 'if-none-match': etag })).res.status).toBe(304);
    await setInstitutionStatus(t.db, 'anz', 'degraded', 'Slow responses from ANZ', t.clock.now().toISOString());
    const after = await list('demo', { 'if-none-match': etag });
    expect(after.res.status).toBe(200);
    expect(after.body!.data.find((i) => i.id === 'anz')).toMatchObject({ status: 'degraded', statusReason: 'Slow responses from ANZ' });
  });

  it('answers any origin, 404 for an unknown application and 400 for an over-long id', async () => {
    expect((await list('demo', { origin: 'https://anywhere.example' })).res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await list('nope')).res.status).toBe(404);
    const long = await list('x'.repeat(65));
    expect(long.res.status).toBe(400);
    expect(((await long.res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('param.appId');
  });
});

describe('GET /logos/{id}.svg', () => {
  it('serves a generated SVG monogram named for the institution, cacheable, from any origin', async () => {
    // A brand whose logo the service has not fetched (none published): the generated monogram.
    await t.db.updateTable('institutions').set({ logo: null, logo_uri: null }).where('id', '=', 'cba').execute();
    const res = await t.app.request('/logos/cba.svg', { headers: { origin: 'https://partner.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('max-age=86400');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>Commonwealth Bank</title>');
    expect(svg).toContain('>CB</text>');
    expect(svg).not.toMatch(/<script|href=/);
    expect((await t.app.request('/logos/cba.svg', { headers: { 'if-none-match': res.headers.get('etag')! } })).status).toBe(304);
  });

  it('has a logo for every listed institution, escapes names, and 404s the unknown', async () => {
    const { body } = await list('demo');
    for (const institution of body!.data) {
      expect((await t.app.request(new URL(institution.logoUrl).pathname)).status, institution.id).toBe(200);
    }
    expect(await (await t.app.request('/logos/heritage-peoples.svg')).text()).toContain('Heritage and People&#39;s Choice');
    expect((await t.app.request('/logos/nope.svg')).status).toBe(404);
    expect((await t.app.request('/logos/CBA.png')).status).toBe(400);
  });
});

describe('catalogue and monograms', () => {
  it('presents only brands the Register lists, with their short name and tier', async () => {
    const rows = await t.db.selectFrom('institutions').select(['id', 'short_name', 'tier', 'sandbox']).where('issuer', 'is not', null).execute();
    const listed = new Map(rows.map((r) => [r.id, r]));
    for (const [id, presentation] of Object.entries(BRAND_PRESENTATION)) {
      expect(listed.get(id), id).toEqual({ id, short_name: presentation.shortName, tier: presentation.tier, sandbox: presentation.sandbox ? 1 : 0 });
    }
  });

  it('picks readable letters and a contrasting foreground', () => {
    expect(monogramLetters('ANZ')).toBe('ANZ');
    expect(monogramLetters('CommBank')).toBe('CB');
    expect(monogramLetters('ubank')).toBe('U');
    expect(monogramLetters('Great Southern')).toBe('GS');
    expect(monogramLetters('St.George')).toBe('SG');
    expect(monogramLetters('P&N Bank')).toBe('PB');
    expect(foregroundFor('#FFCC00')).toBe('#130F26');
    expect(foregroundFor('#004165')).toBe('#FFFFFF');
  });
});

describe('institutions from the CDR Register', () => {
  const row = (id: string) => t.db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const sync = () => syncInstitutionsFromRegister({ db: t.db, clock: t.clock, log: silentLogger, recipient: t.recipient });

  it('say where each brand’s data holder is, take each status from the brand’s own Get Status, and show a brand the Register dropped as down', async () => {
    // A status set by hand, and a brand the Register does not (or no longer) list.
    await setInstitutionStatus(t.db, 'sandbox-bank', 'down', 'Set by hand', t.clock.now().toISOString());
    await t.db
      .insertInto('institutions')
      .values({ id: 'gone-bank', name: 'Gone Bank', short_name: 'Gone', country: 'AU', type: 'cdr', tier: 3, sandbox: 0, brand_color: '#123456', status: 'operational', status_reason: null, status_since: t.clock.now().toISOString(), issuer: 'https://gone.example', resource_base_uri: 'https://gone.example', public_base_uri: null, logo_uri: null, logo: null, logo_type: null })
      .execute();

    expect((await sync()).brands).toBeGreaterThanOrEqual(43);
    expect(await row('sandbox-bank')).toMatchObject({ status: 'operational', status_reason: null, issuer: t.dataHolder.issuer, resource_base_uri: expect.stringMatching(/^https:\/\//) });
    expect(await row('sandbox-offline-bank')).toMatchObject({ status: 'down', status_reason: expect.stringMatching(/scheduled maintenance/) });
    expect(await row('gone-bank')).toMatchObject({ status: 'down', status_reason: 'No longer listed by the CDR Register.', issuer: null });
    expect((await list('demo')).body!.data.find((i) => i.id === 'gone-bank')).toMatchObject({ status: 'down' });

    // It cannot be handed over to.
    const p = await addPartner(t, { name: 'Register' });
    const user = (await (await p.call('/v1/users', { method: 'POST', body: { reference: 'r' } })).json()) as { id: string };
    const { token } = (await (await p.call('/v1/sessions', { method: 'POST', body: { userId: user.id, purpose: 'connect' } })).json()) as { token: string };
    const res = await t.app.request('/v1/session/authorisations', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ institutionId: 'gone-bank', returnUrl: 'http://localhost/connect', mode: 'redirect' }) });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { type: string }).type).toBe('/problems/institution-not-connectable');
  });
});
