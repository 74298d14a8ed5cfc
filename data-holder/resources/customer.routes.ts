import { Hono } from 'hono';
import { requireScope } from './access.js';
import { CdsError } from './cds-errors.js';
import { ENDPOINT_VERSIONS } from './endpoint-versions.js';
import type { ResourceDeps, ResourceEnv } from './resource-env.js';
import { endpointVersion } from './version-negotiation.js';

/**
 * Common APIs: Get Customer (ResponseCommonCustomer): the authorised customer as a `person`
 * (CommonPerson) or an `organisation` (CommonOrganisation), by `customerUType`. The detailed
 * customer scope "includes the data available with the Basic Customer Data scope".
 */
export function customerRoutes({ data }: ResourceDeps) {
  const app = new Hono<ResourceEnv>();

  app.get('/customer', endpointVersion(ENDPOINT_VERSIONS.getCustomer), (c) => {
    const access = c.get('access');
    requireScope(access, 'common:customer.basic:read', 'common:customer.detail:read');
    const customer = data.customer(access.customerId);
    // An arrangement for a customer the holder does not know is the holder's own inconsistency.
    if (!customer) throw new CdsError('unexpected', 'The authorised customer could not be found');
    return c.json({ data: customer, links: { self: c.req.url }, meta: {} });
  });

  return app;
}
