import type { Context, MiddlewareHandler, Next } from 'hono';
import { Problem } from '../errors/problem.js';
import type { AppEnv } from '../http/app-env.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { RateLimitOutcome, RateLimitPolicy, RateLimiter } from './rate-limiter.js';

/** The limits a deployment sets (service/env.ts); an absent policy, or a limit of 0, does not limit. */
export interface RateLimitSettings {
  /** Partner API requests per API key. */
  readonly apiKey?: RateLimitPolicy | undefined;
  /** Sessions created per application. */
  readonly sessions?: RateLimitPolicy | undefined;
  /** Hosted page requests (`/connect`, `/manage`) per client IP. */
  readonly hostedPages?: RateLimitPolicy | undefined;
  /** Editor link redemptions (`/editor?link=`, `POST /editor`) per client IP. */
  readonly editorLinks?: RateLimitPolicy | undefined;
  /** Proxies in front of the service that append to X-Forwarded-For (service/http/client-ip.ts). */
  readonly trustedProxyHops?: number | undefined;
}

/** The settings with the counters they are enforced by. */
export interface RateLimits extends RateLimitSettings {
  readonly limiter: RateLimiter;
}

function tooManyRequests(outcome: RateLimitOutcome): Problem {
  const { policy, state } = rateLimitHeaders(outcome);
  return new Problem(429, 'rate-limited', 'Too many requests', {
    detail: `At most ${outcome.policy.limit} requests per ${outcome.policy.windowSeconds} s (${outcome.policy.name}); try again in ${outcome.resetSeconds} s.`,
    headers: { 'retry-after': String(outcome.resetSeconds), 'ratelimit-policy': policy, ratelimit: state },
  });
}

/** A page for a person in a browser, in place of the problem+json a program gets, and its own headers. */
export type RefusalPage = (outcome: RateLimitOutcome) => { readonly body: string | Promise<string>; readonly headers?: Record<string, string> };

/**
 * Counts the request for `key` under `policy`, then runs `next`: 429 with Retry-After when the window's
 * quota is spent (problem+json, or `page` as HTML), otherwise the answer carries the policy and what is
 * left of it. Several policies on one request (an API key's and its application's sessions) each add
 * their item to the same fields.
 */
export async function limitRequest(c: Context, limiter: RateLimiter, policy: RateLimitPolicy | undefined, key: string, next: Next, page?: RefusalPage): Promise<Response | void> {
  if (!policy || policy.limit === 0) return next();
  const outcome = await limiter.hit(policy, key);
  if (!outcome.allowed) {
    const refusal = tooManyRequests(outcome);
    if (!page) throw refusal;
    const { body, headers } = page(outcome);
    return c.html(body, 429, { ...headers, ...refusal.headers, 'cache-control': 'no-store' });
  }
  await next();
  const headers = rateLimitHeaders(outcome);
  try {
    c.res.headers.append('ratelimit-policy', headers.policy);
    c.res.headers.append('ratelimit', headers.state);
  } catch {
    // An answer with immutable headers goes out without them.
  }
}

/** `limitRequest` as a middleware, keyed per request (a client IP, an application). */
export function rateLimit(limits: RateLimits | undefined, pick: (limits: RateLimits) => RateLimitPolicy | undefined, keyOf: (c: Context<AppEnv>) => string, page?: RefusalPage): MiddlewareHandler<AppEnv> {
  const policy = limits && pick(limits);
  if (!limits || !policy || policy.limit === 0) return async (_c, next) => next();
  return async (c, next) => (await limitRequest(c, limits.limiter, policy, keyOf(c), next, page)) ?? undefined;
}

/** The settings from the environment's RATE_LIMIT_* and TRUSTED_PROXY_HOPS (service/env.ts). */
export function rateLimitSettings(env: {
  RATE_LIMIT_WINDOW_SECONDS: number;
  RATE_LIMIT_API_KEY: number;
  RATE_LIMIT_SESSIONS: number;
  RATE_LIMIT_HOSTED_PAGES: number;
  RATE_LIMIT_EDITOR_LINKS: number;
  TRUSTED_PROXY_HOPS: number;
}): RateLimitSettings {
  const policy = (name: string, limit: number): RateLimitPolicy => ({ name, limit, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS });
  return {
    apiKey: policy('api-key', env.RATE_LIMIT_API_KEY),
    sessions: policy('sessions', env.RATE_LIMIT_SESSIONS),
    hostedPages: policy('hosted-pages', env.RATE_LIMIT_HOSTED_PAGES),
    editorLinks: policy('editor-links', env.RATE_LIMIT_EDITOR_LINKS),
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
  };
}
