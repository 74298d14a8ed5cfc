// A partner's server, in plain Node with no dependencies: what a partner writes to use Consent UI.
// It keeps the API key (never sent to a browser), creates the end user and a short-lived session token
// for each journey, serves pages that load the widget by one script tag under a strict CSP, and
// receives signed webhooks. Run it beside `npm start`:
//
//   CONSENT_UI_API_KEY=… node examples/server/partner-server.mjs      # then open http://localhost:3000
//
// (create the key with `npm run app:create -- --name "Partner" --origin http://localhost:3000`).
// The end-to-end tests run this very file (e2e/consent-lifecycle.test.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/** The partner's own browser script: reacts to the widget's events (no inline script needed). */
const PAGE_SCRIPT = `
const log = document.getElementById('events');
for (const name of ['consent-ready', 'consent-step', 'consent-handoff', 'consent-granted', 'consent-exit', 'consent-error', 'consent-complete', 'consent-revoked', 'consent-renew']) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.dataset.event = name;
    item.textContent = name + ' ' + JSON.stringify(event.detail);
    log.append(item);
  });
}`;

/** Checks a webhook's `consent-ui-signature: t=…,v1=…` (HMAC-SHA256 of "t.body"), rejecting old ones. */
export function verifyWebhook(secret, body, header, toleranceSeconds = 300) {
  const parts = Object.fromEntries(String(header ?? '').split(',').map((p) => p.split('=')));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Starts the partner server. `service` is Consent UI's base URL, `apiKey` the application's key.
 * Returns its URL, a helper to call the partner API as the server does, and the demo user's id.
 */
export async function startPartnerServer({ service, apiKey, port = 0, host = 'localhost', webhookSecret = '' }) {
  const state = { userId: '', connectToken: '', webhooks: [] };

  async function api(path, body, method = body ? 'POST' : 'GET') {
    const response = await fetch(`${service}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  }

  // One end user for this demo; a real partner maps its own signed-in user (`reference`) to one.
  const ensureUser = async () => (state.userId ||= (await api('/v1/users', { reference: 'partner-user-42', email: 'jo@example.com' })).id);

  const page = (element) => `<!doctype html><html lang="en-AU"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1"><title>Budget Buddy</title>
    <script type="module" src="${service}/widget.js"></script><script type="module" src="/page.js"></script></head>
    <body><main><h1>Budget Buddy</h1>${element}<nav><a href="/">Connect a bank</a> · <a href="/manage">Your connected data</a></nav>
    <h2>Events</h2><ol id="events"></ol></main></body></html>`;
  const csp = `default-src 'self'; script-src 'self' ${service}; connect-src 'self' ${service}; img-src 'self' ${service}; style-src 'self'; base-uri 'none'; object-src 'none'`;
  const html = (response, body) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'referrer-policy': 'no-referrer' }).end(body);

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://partner').pathname;
    (async () => {
      if (path === '/page.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(PAGE_SCRIPT);
      if (path === '/favicon.ico') return response.writeHead(204).end();
      if (path === '/') {
        // One session per journey, kept across the bank's redirect back to this page.
        const userId = await ensureUser();
        state.connectToken ||= (await api('/v1/sessions', { userId, purpose: 'connect', state: 'partner-state-1' })).token;
        return html(response, page(`<consent-journey session="${state.connectToken}"></consent-journey>`));
      }
      if (path === '/manage') {
        const { token } = await api('/v1/sessions', { userId: await ensureUser(), purpose: 'manage' });
        return html(response, page(`<consent-manager session="${token}"></consent-manager>`));
      }
      if (path === '/webhooks' && request.method === 'POST') {
        let body = '';
        for await (const chunk of request) body += chunk;
        if (webhookSecret && !verifyWebhook(webhookSecret, body, request.headers['consent-ui-signature'])) return response.writeHead(401).end();
        // Deliveries are at least once: de-duplicate by the event id.
        const id = request.headers['consent-ui-event-id'];
        if (!state.webhooks.some((w) => w.id === id)) state.webhooks.push({ id, ...JSON.parse(body) });
        return response.writeHead(204).end();
      }
      response.writeHead(404).end();
    })().catch((error) => response.writeHead(500).end(String(error)));
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  return {
    url: `http://${host}:${server.address().port}`,
    api,
    get userId() {
      return state.userId;
    },
    webhooks: state.webhooks,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const apiKey = process.env.CONSENT_UI_API_KEY;
  if (!apiKey) {
    console.error('Set CONSENT_UI_API_KEY (npm run app:create -- --name "Partner" --origin http://localhost:3000).');
    process.exit(1);
  }
  const partner = await startPartnerServer({ service: process.env.CONSENT_UI_URL ?? 'http://localhost:8787', apiKey, port: Number(process.env.PORT ?? 3000), webhookSecret: process.env.CONSENT_UI_WEBHOOK_SECRET ?? '' });
  console.log(`Partner site on ${partner.url}`);
}
