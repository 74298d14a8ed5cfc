import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-25T00-00-initial.js';
import * as keysUsersSessionsInstitutions from './2026-11-25T01-00-keys-users-sessions-institutions.js';
import * as consentLifecycle from './2026-11-25T03-00-consent-lifecycle.js';
import * as editor from './2026-11-25T06-00-editor.js';
import * as bankReturn from './2026-12-04T00-00-bank-return.js';
import * as cdrRecipient from './2026-12-05T00-00-cdr-recipient.js';
import * as jobLeases from './2026-12-05T02-00-job-leases.js';
import * as rateLimits from './2026-12-05T04-00-rate-limits.js';
import * as webhookClaims from './2026-12-05T05-00-webhook-claims.js';
import * as changeNotices from './2026-12-05T06-00-change-notices.js';

/**
 * Every migration, by timestamped name. Listed statically (not read from the folder) so the service
 * also runs from a bundle; add new ones at the end.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-25T00-00-initial': initial,
  '2026-11-25T01-00-keys-users-sessions-institutions': keysUsersSessionsInstitutions,
  '2026-11-25T03-00-consent-lifecycle': consentLifecycle,
  '2026-11-25T06-00-editor': editor,
  '2026-12-04T00-00-bank-return': bankReturn,
  '2026-12-05T00-00-cdr-recipient': cdrRecipient,
  '2026-12-05T02-00-job-leases': jobLeases,
  '2026-12-05T04-00-rate-limits': rateLimits,
  '2026-12-05T05-00-webhook-claims': webhookClaims,
  '2026-12-05T06-00-change-notices': changeNotices,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
