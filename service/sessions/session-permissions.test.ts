import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_PURPOSES, type SessionPurpose } from '../../schema/index.js';
import { onError } from '../errors/on-error.js';
import type { AppEnv } from '../http/app-env.js';
import { collectOperations } from '../openapi/openapi-document.js';
import { addPartner, problemOf } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { sessionAuth } from './session-auth.js';
import { SESSION_ROUTES, sessionRefusal, sessionRule, type AppEnvironment } from './session-permissions.js';
import { createSession } from './sessions.repository.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
const partners = {} as Record<AppEnvironment, Awaited<ReturnType<typeof addPartner>> & { userId: string }>;
const ENVIRONMENTS = ['sandbox', 'production'] as const;
const HOSTED = ['GET /connect', 'GET /manage'];
const identity = { brandName: 'Live Co', legalName: 'Live Co Pty Ltd', accreditationNumber: 'ADR-000123', cdrPolicyUrl: 'https://live.example/cdr-policy' };

beforeAll(async () => {
  t = await createTestApp();
  for (const environment of ENVIRONMENTS) {
    const partner = await addPartner(t, { name: `Partner ${environment}`, environment, identity });
    const user = (await (await partner.call('/v1/users', { method: 'POST', body: { reference: 'u1' } })).json()) as { id: string };
    partners[environment] = { ...partner, userId: user.id };
  }
});
afterAll(() => t.close());

/** A fresh token each time: a request may spend it (complete) and a new one replaces the last. */
async function tokenFor(environment: AppEnvironment, purpose: SessionPurpose) {
  const { appId, userId } = partners[environment];
  const session = await createSession(t.db, { appId, userId, purpose, ttlSeconds: 600, ...(purpose === 'extend' ? { consentId: 'cns_none' } : {}) }, t.clock.now());
  return session.token;
}

/** Session routes as the app has them: every operation whose middleware authenticates a session token. */
const sessionOperations = () =>
  collectOperations(t.app.routes).operations.filter((op) => op.parts.some((p) => p.kind === 'security' && p.scheme === 'sessionToken')).map((op) => `${op.method} ${op.path}`);

const call = (key: string, token: string) => {
  const [method, path] = key.split(' ') as [string, string];
  const url = path.replace(/:(\w+)/g, 'x_$1');
  return t.app.request(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
};

describe('the session permission table', () => {
  it('names every session route the app has, and no route it does not have', () => {
    const operations = sessionOperations();
    expect(operations.length).toBeGreaterThanOrEqual(9);
    // A failure here names a session route to add to SESSION_ROUTES (service/sessions/session-permissions.ts).
    expect(operations.filter((key) => !Object.hasOwn(SESSION_ROUTES, key))).toEqual([]);
    const hosted = t.app.routes.filter((r) => r.method === 'GET').map((r) => `GET ${r.path}`);
    expect(HOSTED.every((key) => hosted.includes(key))).toBe(true);
    expect(Object.keys(SESSION_ROUTES).sort()).toEqual([...operations, ...HOSTED].sort());
  });

  const apiKeys = Object.keys(SESSION_ROUTES).filter((key) => !HOSTED.includes(key));
  for (const key of apiKeys) {
    it(`${key}: 403 exactly for the purposes and environments the table refuses`, async () => {
      const rule = sessionRule(key);
      for (const environment of ENVIRONMENTS) {
        for (const purpose of SESSION_PURPOSES) {
          const res = await call(key, await tokenFor(environment, purpose));
          const where = `${purpose} session of a ${environment} application`;
          if (!rule.purposes.includes(purpose)) {
            expect(res.status, where).toBe(403);
            expect((await problemOf(res)).type, where).toBe('/problems/wrong-session-purpose');
          } else if (!rule.environments.includes(environment)) {
            expect(res.status, where).toBe(403);
            expect((await problemOf(res)).type, where).toBe('/problems/wrong-environment');
          } else if (res.status === 403) {
            expect((await problemOf(res)).type, where).not.toMatch(/wrong-session-purpose|wrong-environment/);
          } else {
            expect(res.status, where).not.toBe(401);
          }
        }
      }
    });
  }

  for (const key of HOSTED) {
    it(`${key}: the page for the purposes the table admits, "Link expired" for the others`, async () => {
      const rule = sessionRule(key);
      for (const environment of ENVIRONMENTS) {
        for (const purpose of SESSION_PURPOSES) {
          const res = await t.app.request(`${key.slice(4)}?session=${await tokenFor(environment, purpose)}`);
          const page = await res.text();
          const admitted = rule.purposes.includes(purpose) && rule.environments.includes(environment);
          expect(page.includes('Link expired'), `${purpose} session of a ${environment} application`).toBe(!admitted);
        }
      }
    });
  }

  it('refuses every session on a session route the table does not name (a new route is closed until it is listed)', async () => {
    const app = new Hono<AppEnv>();
    app.onError(onError);
    app.get('/v1/session/something-new', sessionAuth(t.deps), (c) => c.json({ ok: true }));
    for (const environment of ENVIRONMENTS) {
      for (const purpose of SESSION_PURPOSES) {
        const res = await app.request('/v1/session/something-new', { headers: { authorization: `Bearer ${await tokenFor(environment, purpose)}` } });
        expect(res.status).toBe(403);
        expect(await problemOf(res)).toMatchObject({ type: '/problems/wrong-session-purpose', detail: 'No session may use GET /v1/session/something-new.' });
      }
    }
  });

  it('refuses an environment a route does not admit, with its own problem type', () => {
    const table = { 'GET /v1/session/sandbox-only': { purposes: ['connect'], environments: ['sandbox'] } } as const;
    expect(sessionRefusal('GET /v1/session/sandbox-only', { purpose: 'connect', environment: 'sandbox' }, table)).toBeUndefined();
    expect(sessionRefusal('GET /v1/session/sandbox-only', { purpose: 'connect', environment: 'production' }, table)?.body).toMatchObject({ status: 403, type: '/problems/wrong-environment' });
    expect(sessionRefusal('GET /v1/session/sandbox-only', { purpose: 'manage', environment: 'sandbox' }, table)?.body).toMatchObject({ status: 403, type: '/problems/wrong-session-purpose' });
  });

  it('lets a browser read the refusal from an allowed origin (the widget says why)', async () => {
    const origin = 'https://partner.example';
    await t.db.updateTable('applications').set({ allowed_origins: JSON.stringify([origin]) }).where('id', '=', partners.sandbox.appId).execute();
    const res = await t.app.request('/v1/session/renewals', { method: 'POST', headers: { origin, authorization: `Bearer ${await tokenFor('sandbox', 'connect')}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
  });
});

describe('environment rules on session routes', () => {
  const start = (token: string) =>
    t.app.request('/v1/session/authorisations', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ institutionId: 'sandbox-bank', clusters: [], returnUrl: 'http://localhost/connect', mode: 'redirect' }),
    });

  it('a production application cannot start a connection at a sandbox data holder; a sandbox one can', async () => {
    const production = await start(await tokenFor('production', 'connect'));
    expect(production.status).toBe(403);
    expect(await problemOf(production)).toMatchObject({ type: '/problems/wrong-environment', errors: [{ path: 'body.institutionId' }] });
    expect((await start(await tokenFor('sandbox', 'connect'))).status).toBe(201);
  });
});
