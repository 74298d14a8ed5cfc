import type { Clock } from './clock.js';
import type { PublishedConfigCache } from './configs/published-config-cache.js';
import type { Db } from './db/database.js';
import type { Logger } from './logging/logger.js';
import type { RateLimits } from './rate-limits/rate-limit.js';
import type { Recipient } from './recipient/recipient.js';

/** What every area's routes are built from (createApp assembles it once). */
export interface ServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly configCache: PublishedConfigCache;
  readonly log: Logger;
  /** The data recipient's client of CDR data holders; absent when no identity is configured. */
  readonly recipient?: Recipient | undefined;
  /** Request quotas shared across instances (service/rate-limits/); none when absent. */
  readonly rateLimits?: RateLimits | undefined;
}
