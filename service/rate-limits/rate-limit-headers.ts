import type { RateLimitOutcome } from './rate-limiter.js';

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers-10): the policy as a quota `q`
 * per window `w` seconds, and the state as `r` requests remaining, `t` seconds until the quota resets.
 * Policy names are Structured Field strings; ours are plain tokens, so no escaping is needed.
 */
export function rateLimitHeaders(outcome: RateLimitOutcome): { policy: string; state: string } {
  const name = JSON.stringify(outcome.policy.name);
  return {
    policy: `${name};q=${outcome.policy.limit};w=${outcome.policy.windowSeconds}`,
    state: `${name};r=${outcome.remaining};t=${outcome.resetSeconds}`,
  };
}
