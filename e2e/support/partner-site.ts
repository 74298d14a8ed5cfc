import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a partner's browser script does with the widget's events: writes them where a test can read them. */
const PARTNER_JS = `
const log = document.getElementById('events');
for (const name of ['consent-ready', 'consent-step', 'consent-handoff', 'consent-granted', 'consent-exit', 'consent-error', 'consent-complete', 'consent-revoked']) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.dataset.event = name;
    item.textContent = name + ' ' + JSON.stringify(event.detail);
    log.append(item);
  });
}`;

/**
 * A partner's own site on another origin, as partners build it (examples/): its server keeps the API
 * key, creates the end user and a session token per journey, and its pages load the widget by one
 * script tag under `script-src 'self' {service}`. The key never reaches the browser.
 */
export async function startPartnerSite(options: { service: string }) {
  let apiKey = '';
  let userId = '';
  let connectToken = '';
  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${options.service}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, string>;
  };
  const page = (element: string) => `<!doctype html><html lang="en-AU"><head><meta charset="utf-8"><title>Budget Buddy</title>
    <script type="module" src="${options.service}/widget.js"></script><script type="module" src="/partner.js"></script></head>
    <body><main><h1>Budget Buddy</h1>${element}<ol id="events"></ol></main></body></html>`;

  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const csp = `default-src 'self'; script-src 'self' ${options.service}; connect-src 'self' ${options.service}; img-src 'self' ${options.service}; style-src 'self'; base-uri 'none'; object-src 'none'`;
      if (path === '/partner.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(PARTNER_JS);
      if (path === '/favicon.ico') return response.writeHead(204).end();
      if (path === '/') {
        // One session per journey, kept across the bank's redirect back (a real partner keeps it in its own session).
        userId ||= (await api('/v1/users', { reference: 'budget-buddy-42', email: 'jo@example.com' })).id!;
        connectToken ||= (await api('/v1/sessions', { userId, purpose: 'connect', state: 'partner-state-1' })).token!;
        return response.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': csp }).end(page(`<consent-journey session="${connectToken}"></consent-journey>`));
      }
      if (path === '/manage') {
        const { token } = await api('/v1/sessions', { userId, purpose: 'manage' });
        return response.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': csp }).end(page(`<consent-manager session="${token}"></consent-manager>`));
      }
      response.writeHead(404).end();
    })().catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    setApiKey: (key: string) => (apiKey = key),
    get userId() {
      return userId;
    },
    api,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
