import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { countHit, pruneWindows } from './rate-limits.repository.js';

/** A quota of `limit` requests per fixed window of `windowSeconds`; a limit of 0 turns it off. */
export interface RateLimitPolicy {
  /** The policy's name in the RateLimit and RateLimit-Policy fields, and its buckets' prefix. */
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

/** One request counted against a policy. */
export interface RateLimitOutcome {
  readonly policy: RateLimitPolicy;
  readonly allowed: boolean;
  readonly remaining: number;
  /** Seconds until the window ends and the quota is whole again (at least 1). */
  readonly resetSeconds: number;
}

export type RateLimiter = ReturnType<typeof rateLimiter>;

/**
 * Fixed-window counters in the database, so every instance behind a load balancer counts into the same
 * windows. Fails open: a database that cannot count is logged, and the request goes on (the route
 * itself then meets the same database and answers for it).
 */
export function rateLimiter(deps: { db: Db; clock: Clock; log: Logger }) {
  let prunedAt = 0;

  /** At most once a minute per process, in the background: windows older than the longest policy's. */
  function prune(nowMs: number, windowMs: number) {
    if (nowMs - prunedAt < 60_000) return;
    prunedAt = nowMs;
    const before = new Date(nowMs - Math.max(windowMs, 3_600_000)).toISOString();
    pruneWindows(deps.db, before).catch((error: unknown) => deps.log.warn({ msg: 'rate limit pruning failed', error: String(error) }));
  }

  return {
    /** Counts one request for `key` under `policy`. */
    async hit(policy: RateLimitPolicy, key: string): Promise<RateLimitOutcome> {
      const nowMs = deps.clock.now().getTime();
      const windowMs = policy.windowSeconds * 1000;
      const start = Math.floor(nowMs / windowMs) * windowMs;
      const resetSeconds = Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000));
      let hits: number;
      try {
        hits = await countHit(deps.db, `${policy.name}:${key}`, new Date(start).toISOString());
      } catch (error) {
        deps.log.warn({ msg: 'rate limit not counted', policy: policy.name, error: String(error) });
        return { policy, allowed: true, remaining: policy.limit, resetSeconds };
      }
      prune(nowMs, windowMs);
      return { policy, allowed: hits <= policy.limit, remaining: Math.max(0, policy.limit - hits), resetSeconds };
    },
  };
}
