/** Row types of the consent lifecycle's tables (migration 2026-11-25T03-00-consent-lifecycle). */
export interface AuthorisationsTable {
  id: string;
  app_id: string;
  user_id: string;
  purpose: 'connect' | 'extend';
  consent_id: string | null;
  institution_id: string;
  /** JSON array of the cluster scopes the user agreed to (required + chosen optional). */
  clusters: string;
  /** The published config version the user was shown; the consent's terms come from it. */
  config_version: number;
  /** The partner's page the end user started on: where the callback sends them back (redirect mode). */
  return_url: string;
  /** How the end user went to the bank: the page itself (`redirect`) or a window beside it (`popup`). */
  mode: 'redirect' | 'popup';
  /** The service's own callback, registered with the bank: the only place the bank's code is sent. */
  redirect_uri: string | null;
  /** The one-time reference the callback gives the partner's page for this authorisation's outcome. */
  result_ref: string | null;
  /** Our `state` in the request object: the data holder's answer is matched to this row by it. */
  state: string;
  /** pending → authorised (the callback holds the data holder's answer and is exchanging it) → exchanged | failed | cancelled. */
  status: 'pending' | 'authorised' | 'failed' | 'cancelled' | 'exchanged';
  /** The data holder's authorisation server (its issuer identifier). */
  issuer: string | null;
  nonce: string | null;
  /** The PKCE verifier, sealed (service/recipient/token-vault.ts). */
  code_verifier: string | null;
  /** When a callback took the answer to exchange it: another callback waits for that one's outcome. */
  claimed_at: string | null;
  /** The holder's authorisation URL for the request pushed last (its `request_uri` is single-use). */
  holder_url: string | null;
  /** When the browser was first sent to `holder_url`: a later visit pushes the request again. */
  visited_at: string | null;
  /** The sharing duration asked for, in seconds (pushed again with the same terms). */
  sharing_duration: number | null;
  /** The customer at the data holder (the ID token's `sub`, pairwise per recipient). */
  customer_login: string | null;
  /** JSON array of the data holder's ids of the accounts the customer chose there. */
  account_ids: string;
  error_code: string | null;
  error_detail: string | null;
  code_used_at: string | null;
  /** Set when the code is exchanged: a repeat with the same key gets the same result. */
  idempotency_key: string | null;
  job_id: string | null;
  created_at: string;
  expires_at: string;
}

export interface ConsentsTable {
  id: string;
  app_id: string;
  user_id: string;
  institution_id: string;
  customer_login: string;
  receipt_id: string;
  idempotency_key: string;
  created_at: string;
  /** The data holder's CDR arrangement this consent is, and whose it is. */
  arrangement_id: string | null;
  issuer: string | null;
}

/** A consent's tokens at its data holder, sealed (service/recipient/token-vault.ts). */
export interface ArrangementTokensTable {
  consent_id: string;
  client_id: string;
  access_token: string;
  access_expires_at: string;
  refresh_token: string | null;
  version: number;
  /** Set while one caller refreshes the tokens (a lease): the others wait for its result. */
  refreshing_until: string | null;
  updated_at: string;
}

/** The service's client registration at each data holder (Dynamic Client Registration). */
export interface HolderRegistrationsTable {
  issuer: string;
  client_id: string;
  software_product_id: string;
  registered_at: string;
}

/** A withdrawal the data holder must still be told of (its arrangement revocation endpoint). */
export interface HolderRevocationsTable {
  consent_id: string;
  issuer: string;
  arrangement_id: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  done_at: string | null;
}

/** Keys the service made for itself where none were configured (the sandbox). */
export interface RecipientSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export type ConsentEventType = 'granted' | 'amended' | 'revoked' | 'expired' | 'data-deleted' | 'data-deidentified' | 'warned';

export interface ConsentEventsTable {
  id: string;
  consent_id: string;
  type: ConsentEventType;
  at: string;
  actor: string;
  payload: string;
}

export interface ConsentStatesTable {
  consent_id: string;
  status: 'active' | 'expired' | 'revoked';
  terms: string;
  sharing_end: string;
  warned_at: string | null;
  data_handled: string | null;
  updated_at: string;
}

export interface AccountsTable {
  id: string;
  app_id: string;
  user_id: string;
  consent_id: string;
  institution_id: string;
  holder_account_id: string;
  data: string;
  refreshed_at: string;
}

export interface TransactionsTable {
  id: string;
  account_id: string;
  consent_id: string;
  app_id: string;
  user_id: string;
  posted_at: string;
  data: string;
}

export interface DeidentifiedTransactionsTable {
  id: string;
  app_id: string;
  posted_month: string;
  amount: string;
  category: string;
}

export interface JobsTable {
  id: string;
  app_id: string;
  consent_id: string;
  kind: 'connect' | 'refresh' | 'extend';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  steps: string;
  error_code: string | null;
  error_detail: string | null;
  created_at: string;
  updated_at: string;
  /** The runner instance holding a running job (service/consents/runner-instance.ts); null otherwise. */
  lease_owner: string | null;
  /** Until when the lease holds unless renewed: past it, another runner may take the job over. */
  lease_expires_at: string | null;
}

export interface WebhookEndpointsTable {
  id: string;
  app_id: string;
  url: string;
  events: string;
  secret: string;
  created_at: string;
  disabled_at: string | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  event_id: string;
  endpoint_id: string;
  app_id: string;
  event_type: string;
  body: string;
  attempts: number;
  next_attempt_at: string;
  delivered_at: string | null;
  failed_at: string | null;
  last_error: string | null;
  created_at: string;
  /** The runner instance that has taken it for an attempt (service/consents/runner-instance.ts). */
  claimed_by: string | null;
}

export interface LifecycleTables {
  authorisations: AuthorisationsTable;
  consents: ConsentsTable;
  consent_events: ConsentEventsTable;
  consent_states: ConsentStatesTable;
  accounts: AccountsTable;
  transactions: TransactionsTable;
  deidentified_transactions: DeidentifiedTransactionsTable;
  jobs: JobsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  arrangement_tokens: ArrangementTokensTable;
  holder_registrations: HolderRegistrationsTable;
  holder_revocations: HolderRevocationsTable;
  recipient_secrets: RecipientSecretsTable;
}
