import { Hono } from 'hono';
import { accountFilter } from './account-filters.js';
import { requireScope } from './access.js';
import { toAccountDetail, toBankingAccount } from './banking-shapes.js';
import { ENDPOINT_VERSIONS } from './endpoint-versions.js';
import { paginate, parsePageRequest } from './paging.js';
import type { ResourceDeps, ResourceEnv } from './resource-env.js';
import { publicIdsFor } from './public-ids.js';
import { sharedAccount, visibleAccounts } from './shared-accounts.js';
import { endpointVersion } from './version-negotiation.js';

/** Banking APIs: Get Accounts and Get Account Detail. */
export function accountsRoutes({ data, clock, idSecret }: ResourceDeps) {
  const app = new Hono<ResourceEnv>();

  // Get Accounts: filters product-category, open-status (default ALL), is-owned; standard paging.
  // The detailed scope "includes basic account information" (Authorisation Scopes).
  app.get('/accounts', endpointVersion(ENDPOINT_VERSIONS.getAccounts), (c) => {
    const access = c.get('access');
    requireScope(access, 'bank:accounts.basic:read', 'bank:accounts.detail:read');
    const filter = accountFilter((name) => c.req.query(name));
    const paging = parsePageRequest((name) => c.req.query(name));
    const accounts = visibleAccounts(data, access, clock()).filter(filter);
    const page = paginate(accounts, paging, c.req.url);
    const version = c.get('version');
    const ids = publicIdsFor(access, idSecret);
    return c.json({ data: { accounts: page.records.map((a) => toBankingAccount(a, version, ids)) }, links: page.links, meta: page.meta });
  });

  // Get Account Detail: needs the detailed scope; account numbers are outside the basic one.
  app.get('/accounts/:accountId', endpointVersion(ENDPOINT_VERSIONS.getAccountDetail), (c) => {
    const access = c.get('access');
    requireScope(access, 'bank:accounts.detail:read');
    const ids = publicIdsFor(access, idSecret);
    const account = sharedAccount(data, access, ids, c.req.param('accountId'), clock());
    return c.json({ data: toAccountDetail(account, c.get('version'), ids), links: { self: c.req.url }, meta: {} });
  });

  return app;
}
