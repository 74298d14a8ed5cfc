import { Hono } from 'hono';
import type { BankingTransaction } from '../data/cds-types.js';
import { requireScope } from './access.js';
import { toTransaction } from './banking-shapes.js';
import { CdsError } from './cds-errors.js';
import { ENDPOINT_VERSIONS } from './endpoint-versions.js';
import { paginate, parsePageRequest } from './paging.js';
import type { ResourceDeps, ResourceEnv } from './resource-env.js';
import { publicIdsFor } from './public-ids.js';
import { sharedAccount } from './shared-accounts.js';
import { endpointVersion } from './version-negotiation.js';

const DAY_MS = 86_400_000;
/** DateTimeString: RFC 3339 date-time, "times MUST be offset relative to UTC" (Common Field Types). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
/** AmountString: optional hyphen, digits, optional decimals; no currency symbols or separators. */
const AMOUNT = /^-?\d+(\.\d+)?$/;

function dateTimeParam(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (!DATE_TIME.test(value) || Number.isNaN(at)) throw new CdsError('fieldInvalid', name);
  return new Date(at);
}

function amountParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!AMOUNT.test(value)) throw new CdsError('fieldInvalid', name);
  return Number(value);
}

/** Banking APIs: Get Transactions For Account. */
export function transactionsRoutes({ data, clock, idSecret }: ResourceDeps) {
  const app = new Hono<ResourceEnv>();

  app.get('/accounts/:accountId/transactions', endpointVersion(ENDPOINT_VERSIONS.getTransactions), (c) => {
    const access = c.get('access');
    requireScope(access, 'bank:transactions:read');
    const now = clock();
    const ids = publicIdsFor(access, idSecret);
    const account = sharedAccount(data, access, ids, c.req.param('accountId'), now);
    // newest-time "if absent defaults to today"; oldest-time "defaults to newest-time minus 90 days".
    const newest = dateTimeParam(c.req.query('newest-time'), 'newest-time') ?? now;
    const oldest = dateTimeParam(c.req.query('oldest-time'), 'oldest-time') ?? new Date(newest.getTime() - 90 * DAY_MS);
    if (oldest > newest) throw new CdsError('invalidDateTime', 'oldest-time must not be after newest-time');
    const minAmount = amountParam(c.req.query('min-amount'), 'min-amount');
    const maxAmount = amountParam(c.req.query('max-amount'), 'max-amount');
    // text: "found as a substring of either the reference or description fields"; matched without
    // regard to case, as a person searching their statement would expect.
    const text = c.req.query('text')?.toLowerCase();
    const paging = parsePageRequest((name) => c.req.query(name));

    // Nothing after now exists yet: the sandbox ledger would otherwise invent the future.
    const upTo = newest > now ? now : newest;
    const matches = (t: BankingTransaction) =>
      (minAmount === undefined || Number(t.amount) >= minAmount) &&
      (maxAmount === undefined || Number(t.amount) <= maxAmount) &&
      (text === undefined || t.description.toLowerCase().includes(text) || t.reference.toLowerCase().includes(text));
    const transactions = oldest > upTo ? [] : data.transactions(access.customerId, account.accountId, oldest, upTo).filter(matches);

    const page = paginate(transactions, paging, c.req.url);
    const version = c.get('version');
    return c.json({ data: { transactions: page.records.map((t) => toTransaction(t, version, ids)) }, links: page.links, meta: page.meta });
  });

  return app;
}
