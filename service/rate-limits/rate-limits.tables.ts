/** One counter per limited key and fixed window, shared by every instance on the database. */
export interface RateLimitsTable {
  /** The policy and the key it counts, e.g. `api-key:key_…` or `hosted-pages:203.0.113.7`. */
  bucket: string;
  /** The window's start, ISO-8601 UTC: windows are aligned to the epoch, so every instance agrees. */
  window_start: string;
  hits: number;
}

export interface RateLimitTables {
  rate_limits: RateLimitsTable;
}
