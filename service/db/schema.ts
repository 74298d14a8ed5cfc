import type { Generated } from 'kysely';
import type { EditorTables } from '../editor/editor.tables.js';
import type { LifecycleTables } from './lifecycle-schema.js';
import type { RateLimitTables } from '../rate-limits/rate-limits.tables.js';

/** Row types, one per table; timestamps are ISO-8601 strings in UTC. */
export interface ApplicationsTable {
  id: string;
  name: string;
  environment: 'sandbox' | 'production';
  /** JSON array of origins allowed to call session routes from a browser. */
  allowed_origins: string;
  created_at: string;
}

export interface ConfigDraftsTable {
  app_id: string;
  /** The validated config document, JSON. */
  document: string;
  /** Bumped on every save; the draft's ETag is derived from it. */
  revision: number;
  updated_at: string;
  updated_by: string;
}

export interface ConfigVersionsTable {
  app_id: string;
  version: number;
  document: string;
  published_at: string;
  published_by: string;
}

export interface ApiKeysTable {
  id: string;
  app_id: string;
  name: string;
  /** The key's visible start, to tell keys apart; never enough to use it. */
  prefix: string;
  /** SHA-256 (hex) of the whole key. */
  key_hash: string;
  /** JSON array of scopes. */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface UsersTable {
  id: string;
  app_id: string;
  email: string | null;
  mobile: string | null;
  reference: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  token_hash: string;
  app_id: string;
  user_id: string;
  purpose: 'connect' | 'manage' | 'extend';
  state: string | null;
  consent_id: string | null;
  expires_at: string;
  /** Set when a connect journey completes: the token then grants nothing. */
  spent_at: string | null;
  /** Set when a newer session for the same user and purpose replaced it. */
  invalidated_at: string | null;
  created_at: string;
}

export interface InstitutionsTable {
  id: string;
  name: string;
  short_name: string;
  country: string;
  type: 'cdr' | 'open-banking';
  tier: number;
  /** 1 for the sandbox data holders, whose journeys never reach a real bank. */
  sandbox: number;
  /** `#RRGGBB` behind the generated monogram logo. */
  brand_color: string;
  status: 'operational' | 'degraded' | 'down';
  status_reason: string | null;
  status_since: string;
  /** The brand's authorisation server, as the Register lists it (`infosecBaseUri`); null: not connectable. */
  issuer: string | null;
  /** Where its CDS resource APIs are (`resourceBaseUri`, mutual TLS). */
  resource_base_uri: string | null;
  /** Its public CDS APIs, for Get Status (`publicBaseUri`). */
  public_base_uri: string | null;
  logo_uri: string | null;
  /** The logo fetched from `logo_uri`, base64, and its media type; the generated monogram when absent. */
  logo: string | null;
  logo_type: 'image/svg+xml' | 'image/png' | null;
}

export interface Database extends LifecycleTables, EditorTables, RateLimitTables {
  applications: ApplicationsTable;
  config_drafts: ConfigDraftsTable;
  config_versions: ConfigVersionsTable;
  api_keys: ApiKeysTable;
  users: UsersTable;
  sessions: SessionsTable;
  institutions: InstitutionsTable;
}

export type { Generated };
