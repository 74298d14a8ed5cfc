import { Hono } from 'hono';
import type { BankingBalance } from '../data/cds-types.js';
import { accountFilter } from './account-filters.js';
import { requireScope } from './access.js';
import { CdsError } from './cds-errors.js';
import { ENDPOINT_VERSIONS } from './endpoint-versions.js';
import { paginate, parsePageRequest } from './paging.js';
import type { ResourceDeps, ResourceEnv } from './resource-env.js';
import { publicIdsFor, type PublicIds } from './public-ids.js';
import { sharedAccount, visibleAccounts } from './shared-accounts.js';
import { endpointVersion } from './version-negotiation.js';

/**
 * Banking APIs: Get Bulk Balances and Get Account Balance (BankingBalance), both under the basic
 * accounts scope ("Includes simple account information including balance", Authorisation Scopes).
 * Bulk Balances v2 only widened the product-category filter, so v1 and v2 answer alike.
 */
export function balancesRoutes({ data, clock, idSecret }: ResourceDeps) {
  const app = new Hono<ResourceEnv>();

  const balanceOf = (ids: PublicIds, customerId: string, accountId: string, now: Date): BankingBalance => {
    const balance = data.balance(customerId, accountId, now);
    // The holder lists the account but cannot say its balance: its own fault, not the recipient's.
    if (!balance) throw new CdsError('unexpected', `No balance for account ${ids.account(accountId)}`);
    return { ...balance, accountId: ids.account(accountId) };
  };

  app.get('/accounts/balances', endpointVersion(ENDPOINT_VERSIONS.getBulkBalances), (c) => {
    const access = c.get('access');
    requireScope(access, 'bank:accounts.basic:read', 'bank:accounts.detail:read');
    const filter = accountFilter((name) => c.req.query(name));
    const paging = parsePageRequest((name) => c.req.query(name));
    const now = clock();
    const page = paginate(visibleAccounts(data, access, now).filter(filter), paging, c.req.url);
    const ids = publicIdsFor(access, idSecret);
    return c.json({ data: { balances: page.records.map((a) => balanceOf(ids, access.customerId, a.accountId, now)) }, links: page.links, meta: page.meta });
  });

  app.get('/accounts/:accountId/balance', endpointVersion(ENDPOINT_VERSIONS.getAccountBalance), (c) => {
    const access = c.get('access');
    requireScope(access, 'bank:accounts.basic:read', 'bank:accounts.detail:read');
    const now = clock();
    const ids = publicIdsFor(access, idSecret);
    const account = sharedAccount(data, access, ids, c.req.param('accountId'), now);
    return c.json({ data: balanceOf(ids, access.customerId, account.accountId, now), links: { self: c.req.url }, meta: {} });
  });

  return app;
}
