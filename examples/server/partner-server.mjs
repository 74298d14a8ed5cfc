// A partner's server, in plain Node with no dependencies: what a partner writes to use Consent UI.
// It keeps the API key (never sent to a browser), creates the end user and a short-lived session token
// for each journey, serves pages that load the widget by one script tag under a strict CSP, and
// receives signed webhooks. Run it beside `npm start`:
//
//   CONSENT_UI_API_KEY=… node examples/server/partner-server.mjs      # then open http://localhost:3000
//
// (create the key with `npm run app:create -- --name "Partner" --origin http://localhost:3000`, which asks for
// your brand, legal name, accreditation number and CDR policy URL).
// The end-to-end tests run this very file (e2e/consent-lifecycle.test.ts, e2e/partner-server.test.ts);
// docs/partners.md explains the sessions, users and errors it handles.
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

/** A call to Consent UI that did not succeed: the page says the service is unavailable (502), not "our bug". */
class ServiceError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Starts the partner server. `service` is Consent UI's base URL, `apiKey` the application's key.
 * Returns its URL, a helper to call the partner API as the server does, and the demo user's id.
 */
export async function startPartnerServer({ service, apiKey, port = 0, host = 'localhost', webhookSecret = '', userReference = 'partner-user-42' }) {
  const state = { userId: '', webhooks: [] };

  async function api(path, body, method = body ? 'POST' : 'GET') {
    let response;
    try {
      response = await fetch(`${service}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      throw new ServiceError(`${method} ${path}: Consent UI unreachable (${cause.cause?.code ?? cause.message})`, 0);
    }
    if (!response.ok) throw new ServiceError(`${method} ${path}: ${response.status} ${await response.text()}`, response.status);
    return response.status === 204 ? undefined : response.json();
  }

  // One end user for this demo; a real partner maps its own signed-in user (`reference`) to one. The user
  // outlives this process: look it up by reference first, create it only when there is none, and look
  // again if a concurrent request created it meanwhile (409 duplicate-reference).
  async function findOrCreateUser(reference) {
    const find = async () => (await api(`/v1/users?reference=${encodeURIComponent(reference)}`)).data[0]?.id;
    const found = await find();
    if (found) return found;
    try {
      return (await api('/v1/users', { reference, email: 'jo@example.com' })).id;
    } catch (error) {
      if (error instanceof ServiceError && error.status === 409) return find();
      throw error;
    }
  }
  const ensureUser = async () => (state.userId ||= await findOrCreateUser(userReference));

  const page = (element) => `<!doctype html><html lang="en-AU"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1"><title>Budget Buddy</title>
    <script type="module" src="${service}/widget.js"></script><script type="module" src="/page.js"></script></head>
    <body><main><h1>Budget Buddy</h1>${element}<nav><a href="/">Connect a bank</a> · <a href="/manage">Your connected data</a></nav>
    <h2>Events</h2><ol id="events"></ol></main></body></html>`;
  const errorPage = (message) => `<!doctype html><html lang="en-AU"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1"><title>Something went wrong · Budget Buddy</title></head>
    <body><main><h1>Something went wrong</h1><p>${escapeHtml(message)}</p><p><a href="/">Try again</a></p></main></body></html>`;
  const csp = `default-src 'self'; script-src 'self' ${service}; connect-src 'self' ${service}; img-src 'self' ${service}; style-src 'self'; base-uri 'none'; object-src 'none'`;
  const html = (response, body, status = 200, headers = {}) =>
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'referrer-policy': 'no-referrer', 'cache-control': 'no-store', ...headers }).end(body);

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://partner').pathname;
    (async () => {
      if (path === '/page.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(PAGE_SCRIPT);
      if (path === '/favicon.ico') return response.writeHead(204).end();
      if (path === '/') {
        // A session per visit (a spent or replaced token would only show "this link has expired"). The
        // return from the bank is a visit like any other: the widget reads what happened there, with
        // this new session, from the result reference the service added to the address.
        const { token } = await api('/v1/sessions', { userId: await ensureUser(), purpose: 'connect', state: 'partner-state-1' });
        return html(response, page(`<consent-journey session="${escapeHtml(token)}"></consent-journey>`));
      }
      if (path === '/manage') {
        const { token } = await api('/v1/sessions', { userId: await ensureUser(), purpose: 'manage' });
        return html(response, page(`<consent-manager session="${escapeHtml(token)}"></consent-manager>`));
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
    })().catch((error) => {
      // The details go to the server's log; the end user gets a page in plain words, never a stack.
      console.error(`partner-server: ${request.method} ${path} failed: ${error.message}`);
      if (response.headersSent) return response.end();
      if (error instanceof ServiceError) html(response, errorPage('We can’t reach our bank-connection service right now. Please try again in a few minutes.'), 502);
      else html(response, errorPage('Something broke on our side. Please try again in a few minutes.'), 500);
    });
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
    console.error('Set CONSENT_UI_API_KEY: create an application and its key with npm run app:create -- --name "Partner" --origin http://localhost:3000 (see docs/partners.md).');
    process.exit(1);
  }
  const partner = await startPartnerServer({ service: process.env.CONSENT_UI_URL ?? 'http://localhost:8787', apiKey, port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? 'localhost', webhookSecret: process.env.CONSENT_UI_WEBHOOK_SECRET ?? '' });
  console.log(`Partner site on ${partner.url}`);
}
