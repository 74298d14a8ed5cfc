import { parseConfig } from '../../schema/index.js';
import { publishDraft, upsertDraft } from '../configs/configs.repository.js';
import { authoriseAtBank, grant } from './connect-flow.js';
import { addPartner } from './partner.js';
import { createTestApp } from './test-app.js';

/**
 * The real service for web-test-runner: the browser tests' dev server forwards service paths here, so
 * widget tests talk to the real routes and database on the same origin as the test page. Test-only
 * fixtures under /__fixtures/ set up what a browser cannot (an API key never reaches one).
 */
export async function createBrowserTestService() {
  const t = await createTestApp();

  /** `/__fixtures/manage-session?consents=N&onRevocation=…&durationDays=…`: real consents granted through the sandbox bank, and a manage session for their user. */
  async function manageSession(url: URL): Promise<Response> {
    const partner = await addPartner(t, { name: 'Budget Buddy', origins: [url.origin] });
    const policy = {
      onRevocation: (url.searchParams.get('onRevocation') ?? 'delete') as 'delete' | 'deidentify',
      durationDays: Number(url.searchParams.get('durationDays') ?? 365),
    };
    const at = t.clock.now().toISOString();
    await upsertDraft(t.db, partner.appId, parseConfig({ consent: policy }), at, 'fixture');
    await publishDraft(t.db, partner.appId, at, 'fixture');
    t.configCache.invalidate(partner.appId);
    const user = (await (await partner.call('/v1/users', { method: 'POST', body: { reference: 'fixture-user' } })).json()) as { id: string };
    const logins = ['jsmith', 'jwilson'];
    // One active consent per bank: each consent at a bank of its own.
    const banks = ['sandbox-bank', 'sandbox-credit-union'];
    for (let i = 0; i < Number(url.searchParams.get('consents') ?? 1); i++) {
      const login = logins[i % logins.length]!;
      const flow = await authoriseAtBank(t, partner, { userId: user.id, login, accounts: [`${login}-everyday`], institutionId: banks[i % banks.length]! });
      await grant(t, flow);
    }
    const session = (await (await partner.call('/v1/sessions', { method: 'POST', body: { userId: user.id, purpose: 'manage' } })).json()) as { token: string };
    return Response.json({ token: session.token, appId: partner.appId, userId: user.id });
  }

  return {
    ...t,
    app: {
      fetch(request: Request): Response | Promise<Response> {
        const url = new URL(request.url);
        if (url.pathname === '/__fixtures/manage-session') return manageSession(url);
        return t.app.fetch(request);
      },
    },
  };
}
