import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../service/apps/create-application.js';
import { systemClock } from '../service/clock.js';
import { startPartnerServer } from '../examples/server/partner-server.mjs';
import { freePort } from './support/free-port.js';
import { startServer } from './support/server.js';

// Plain HTTP, no browser: what the partner server hands out and what the service makes of it. The real
// clock, because the service checks session expiry against it.
let server: Awaited<ReturnType<typeof startServer>>;
let apiKey: string;
let port: number;
const stops: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  server = await startServer({ clock: systemClock });
  port = await freePort();
  ({ apiKey: { key: apiKey } } = await createApplication(server.db, server.clock, { name: 'Budget Buddy', origins: [`http://localhost:${port}`] }));
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await server?.stop();
});

/** A visit of a partner page: its status, the session token it embeds and the cookie it sets. */
async function visit(url: string, cookie = '') {
  const response = await fetch(url, { headers: cookie ? { cookie } : {} });
  const body = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body, token: /session="(cus_[0-9A-Za-z]+)"/.exec(body)?.[1], cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
}
/** What the widget's first call gets with this token: 200 with the user, or the 401's problem type. */
async function asWidget(token: string | undefined) {
  const response = await fetch(`${server.url}/v1/session`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { user?: { id: string }; type?: string };
  return response.status === 200 ? { status: 200, userId: body.user!.id } : { status: response.status, type: body.type };
}
const usersWithReference = async (reference: string) => {
  const response = await fetch(`${server.url}/v1/users?reference=${reference}`, { headers: { authorization: `Bearer ${apiKey}` } });
  return ((await response.json()) as { data: { id: string }[] }).data.map((u) => u.id);
};

/** The example as a partner runs it: its own process, configured by the environment. */
async function startPartnerProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../examples/server/partner-server.mjs', import.meta.url))], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      const match = /Partner site on (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`partner server exited (${code}):\n${output}`)));
  });
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));
  stops.push(stop);
  return { url, stop };
}

describe('examples/server/partner-server.mjs: any number of visits and restarts', () => {
  it('starts a fresh session on every visit of / and /manage, so a journey after a completed one works', async () => {
    const partner = await startPartnerServer({ service: server.url, apiKey, port });
    stops.push(() => partner.stop());

    const first = await visit(partner.url);
    expect(first.status).toBe(200);
    expect(await asWidget(first.token)).toEqual({ status: 200, userId: partner.userId });
    const second = await visit(partner.url);
    expect(second.token).toMatch(/^cus_/);
    expect(second.token).not.toBe(first.token);
    expect(await asWidget(second.token)).toEqual({ status: 200, userId: partner.userId });
    // The service keeps one open connect session per user: the newer replaced the older (docs/partners.md).
    expect(await asWidget(first.token)).toEqual({ status: 401, type: '/problems/session-replaced' });

    // The journey completes (the widget spends its session); the next visit still gets a working one.
    expect((await fetch(`${server.url}/v1/session/complete`, { method: 'POST', headers: { authorization: `Bearer ${second.token}` } })).status).toBe(204);
    expect(await asWidget(second.token)).toEqual({ status: 401, type: '/problems/session-spent' });
    const third = await visit(partner.url);
    expect(await asWidget(third.token)).toEqual({ status: 200, userId: partner.userId });

    // The return from the bank is a visit like any other: a new session (the widget follows the result
    // reference with it), and no cookie carries a token.
    const back = await visit(`${partner.url}/?consent_ui_result=res_x`);
    expect(back.token).not.toBe(third.token);
    expect(back.cookie).toBe('');

    const managers = [await visit(`${partner.url}/manage`), await visit(`${partner.url}/manage`)];
    expect(managers.map((m) => m.body.includes('<consent-manager session="cus_'))).toEqual([true, true]);
    expect(managers[1]!.token).not.toBe(managers[0]!.token);
    expect(await asWidget(managers[1]!.token)).toEqual({ status: 200, userId: partner.userId });
    await partner.stop();
  });

  it('after a restart (a new process, the same key) finds the same user by reference and serves both pages', async () => {
    const before = await usersWithReference('partner-user-42');
    expect(before).toHaveLength(1);
    const env = { CONSENT_UI_API_KEY: apiKey, CONSENT_UI_URL: server.url, PORT: String(port), HOST: 'localhost' };
    for (const run of [1, 2]) {
      const partner = await startPartnerProcess(env);
      const journey = await visit(partner.url);
      expect([run, journey.status, await asWidget(journey.token)]).toEqual([run, 200, { status: 200, userId: before[0] }]);
      const manage = await visit(`${partner.url}/manage`);
      expect([run, manage.status, await asWidget(manage.token)]).toEqual([run, 200, { status: 200, userId: before[0] }]);
      await partner.stop();
    }
    expect(await usersWithReference('partner-user-42')).toEqual(before);
  });

  it('shows a service failure as an HTML page with a plain message and 502, never the error text', async () => {
    const closed = await freePort();
    const cases = [
      ['a wrong API key', await startPartnerServer({ service: server.url, apiKey: 'cui_test_00000000000000000000000000000000', port: 0 })],
      ['the service unreachable', await startPartnerServer({ service: `http://127.0.0.1:${closed}`, apiKey, port: 0 })],
    ] as const;
    for (const [what, partner] of cases) {
      stops.push(() => partner.stop());
      for (const path of ['/', '/manage']) {
        const page = await visit(`${partner.url}${path}`);
        expect([what, path, page.status, page.type]).toEqual([what, path, 502, 'text/html; charset=utf-8']);
        expect(page.body).toContain('<h1>Something went wrong</h1>');
        expect(page.body).toContain('We can’t reach our bank-connection service right now.');
        expect(page.body).not.toMatch(/Error|\bat .*\.mjs|401|problem|cui_|ECONNREFUSED/);
      }
    }
  });
});
