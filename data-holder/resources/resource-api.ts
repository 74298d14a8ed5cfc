import { Hono } from 'hono';
import type { HolderData } from '../data/holder-data.js';
import { requireAccess, socketCertificateThumbprint, type CertificateThumbprint, type VerifyAccess } from './access.js';
import { accountsRoutes } from './accounts.routes.js';
import { balancesRoutes } from './balances.routes.js';
import { CdsError } from './cds-errors.js';
import { customerRoutes } from './customer.routes.js';
import { authenticatedNotImplemented, unauthenticatedNotImplemented } from './not-implemented.routes.js';
import { acceptJson, interactionId, recipientHeaders } from './request-headers.js';
import type { ResourceEnv } from './resource-env.js';
import { transactionsRoutes } from './transactions.routes.js';

export interface ResourceApiOptions {
  /** Implemented by the authorisation server: see access.ts for the contract. */
  readonly verifyAccess: VerifyAccess;
  readonly data: HolderData;
  readonly clock?: () => Date;
  /** Where the client certificate comes from; defaults to the Node TLS socket's peer certificate. */
  readonly certificateThumbprint?: CertificateThumbprint;
  /** Secret for the per-software-product ids of "ID Permanence" (public-ids.ts). */
  readonly idSecret?: string;
}

/** Base path: `https://<holder-path>/cds-au/v<major version>/<industry>` ("URI Structure"). */
export const CDS_BASE_PATH = '/cds-au/v1';

/**
 * The data holder's CDS resource APIs (Banking: Get Accounts, Get Bulk Balances, Get Account Balance,
 * Get Account Detail, Get Transactions For Account; Common: Get Customer). Each request passes, in
 * order: the interaction id, Accept (406), the access check (401), the recipient's headers (400),
 * version negotiation (400/406), the scope (403), then the endpoint's own parameters (400/404/422).
 * Endpoints of the standard not served here answer 404 Resource Not Implemented.
 */
export function createResourceApi(options: ResourceApiOptions) {
  const deps = { data: options.data, clock: options.clock ?? (() => new Date()), idSecret: options.idSecret };
  const app = new Hono<ResourceEnv>();

  app.use('*', interactionId(), acceptJson());
  app.route(CDS_BASE_PATH, unauthenticatedNotImplemented());
  app.use(`${CDS_BASE_PATH}/*`, requireAccess(options.verifyAccess, options.certificateThumbprint ?? socketCertificateThumbprint), recipientHeaders());
  app.route(CDS_BASE_PATH, authenticatedNotImplemented());
  // Balances first: `/accounts/balances` must not be read as an account id.
  app.route(`${CDS_BASE_PATH}/banking`, balancesRoutes(deps));
  app.route(`${CDS_BASE_PATH}/banking`, accountsRoutes(deps));
  app.route(`${CDS_BASE_PATH}/banking`, transactionsRoutes(deps));
  app.route(`${CDS_BASE_PATH}/common`, customerRoutes(deps));

  app.notFound((c) => c.json(new CdsError('resourceNotFound', 'No such endpoint at this data holder').body, 404));

  // One error path: every failure becomes ResponseErrorListV2 with the interaction id played back.
  app.onError((error, c) => {
    const cds = error instanceof CdsError ? error : new CdsError('unexpected', 'The data holder could not answer this request');
    if (!(error instanceof CdsError)) console.error(error);
    const id = c.get('interactionId');
    return c.json(cds.body, cds.status, { ...cds.headers, ...(id ? { 'x-fapi-interaction-id': id } : {}) });
  });

  return app;
}
