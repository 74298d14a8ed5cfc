import type { Generated } from 'kysely';

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

export interface Database {
  applications: ApplicationsTable;
  config_drafts: ConfigDraftsTable;
  config_versions: ConfigVersionsTable;
}

export type { Generated };
