import { Hono, type Context } from 'hono';
import { CdsError } from './cds-errors.js';

/**
 * Endpoints the standard defines (Endpoint Version Schedule) that this sandbox does not serve:
 * "Resource Not Implemented … SHOULD be supported for unimplemented APIs" ("Error Codes" › 404).
 * Without these, `/banking/accounts/direct-debits` would read as an unknown account id.
 */
const notImplemented = (c: Context) => {
  throw new CdsError('resourceNotImplemented', `${c.req.method} ${new URL(c.req.url).pathname} is not implemented by this data holder`);
};

/** Unauthenticated APIs (Product Reference Data, discovery): answered before any access check. */
export function unauthenticatedNotImplemented() {
  const app = new Hono();
  for (const path of ['/banking/products', '/banking/products/:productId', '/discovery/status', '/discovery/outages']) app.get(path, notImplemented);
  return app;
}

/** Authenticated APIs: answered after the access check, like the endpoints that are implemented. */
export function authenticatedNotImplemented() {
  const app = new Hono();
  for (const path of ['/banking/accounts/balances', '/banking/accounts/direct-debits', '/banking/payments/scheduled']) app.post(path, notImplemented);
  for (const path of [
    '/banking/accounts/direct-debits',
    '/banking/accounts/payments/plans',
    '/banking/accounts/:accountId/direct-debits',
    '/banking/accounts/:accountId/payments/plans',
    '/banking/accounts/:accountId/payments/scheduled',
    '/banking/accounts/:accountId/transactions/:transactionId',
    '/banking/payees',
    '/banking/payees/:payeeId',
    '/banking/payments/scheduled',
    '/common/customer/detail',
  ]) {
    app.get(path, notImplemented);
  }
  return app;
}
