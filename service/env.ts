import { z } from 'zod';
import { isLoopbackName, normalHost } from './http/allowed-hosts.js';

/** The service's whole environment, validated once at start (only service/main.ts reads it). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('localhost'),
  /** A SQLite file (a path, `file:` or `sqlite:`), or `postgres://…` for PostgreSQL (docs/deploy.md). */
  DATABASE_URL: z.string().min(1).default('./data/consent.db'),
  /** PostgreSQL only: connections the service keeps open to the database at most. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  BUNDLE_DIR: z.string().min(1).default('./dist'),
  /** The origin end users reach the service at, when it differs from http://HOST:PORT (behind a proxy): every link uses it. */
  PUBLIC_URL: z.url().optional(),
  /** Hosts requests may name, comma-separated host[:port] as the Host header carries them; any other gets 421. */
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const hosts = value.split(',').map((h) => h.trim()).filter(Boolean);
      const bad = hosts.filter((h) => normalHost(h) === undefined);
      if (bad.length) ctx.addIssue({ code: 'custom', message: `Not a host[:port]: ${bad.join(', ')}` });
      return hosts.map((h) => normalHost(h) ?? h);
    }),
  /** `production` makes this a production start (see servedHosts). */
  NODE_ENV: z.string().optional(),
  /** How often the lifecycle scheduler runs (expiry, warnings, jobs, webhook deliveries). */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Pause before each sandbox connection step, so progress is visible as with a real bank. */
  SANDBOX_STEP_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(600),
  /** One webhook attempt's time limit, and how many deliveries run at once (in all, and per application). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  WEBHOOK_CONCURRENCY_PER_APP: z.coerce.number().int().min(1).max(64).default(4),
  // The data recipient's identity (docs/deploy.md). `npm start` sets CDR_SANDBOX_FILE for the sandbox
  // data holder it starts; an accredited recipient sets the others instead.
  /** The sandbox data holder's credentials file (Register, CA, client certificate). */
  CDR_SANDBOX_FILE: z.string().min(1).optional(),
  /** The CDR Register's base URI (…/cdr-register) and, when it differs, its mutual-TLS base. */
  CDR_REGISTER_URI: z.url().optional(),
  CDR_REGISTER_MTLS_URI: z.url().optional(),
  CDR_SOFTWARE_PRODUCT_ID: z.string().min(1).optional(),
  CDR_BRAND_ID: z.string().min(1).optional(),
  /** PEM files: the Register's CA, the transport client certificate and its key. */
  CDR_CA_FILE: z.string().min(1).optional(),
  CDR_CLIENT_CERT_FILE: z.string().min(1).optional(),
  CDR_CLIENT_KEY_FILE: z.string().min(1).optional(),
  /** A private JWK (PS256) the recipient signs with; made and kept in the database when absent (sandbox only). */
  CDR_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** 32 bytes, base64url: seals tokens at rest; made and kept in the database when absent (sandbox only). */
  CDR_TOKEN_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Give 32 bytes, base64url-encoded (43 characters)').optional(),
  /** How often the institutions list is read again from the Register. */
  CDR_REGISTER_SYNC_MS: z.coerce.number().int().min(10_000).max(86_400_000).default(300_000),
  // Operating surface (docs/deploy.md).
  /** Bearer token for GET /metrics; without it /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, 'Give at least 16 characters').optional(),
  /** On SIGTERM, how long requests in flight may take to finish before their connections are closed. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Rate limits: requests per fixed window, counted in the database across instances; 0 turns one off. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RATE_LIMIT_API_KEY: z.coerce.number().int().min(0).max(1_000_000).default(600),
  RATE_LIMIT_SESSIONS: z.coerce.number().int().min(0).max(1_000_000).default(120),
  RATE_LIMIT_HOSTED_PAGES: z.coerce.number().int().min(0).max(1_000_000).default(300),
  RATE_LIMIT_EDITOR_LINKS: z.coerce.number().int().min(0).max(1_000_000).default(10),
  /** Proxies in front that append the client's address to X-Forwarded-For (0: use the socket's peer). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

export type Env = z.infer<typeof envSchema>;

/** Every variable the service reads: docs/deploy.md lists each (scripts/env-reference.test.ts compares). */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as readonly (keyof Env)[];

/**
 * Which hosts the service answers for (service/http/allowed-hosts.ts). Development is NODE_ENV other
 * than `production` with HOST a loopback name: only this machine reaches the service, and it answers
 * loopback names alone, so `npm start` needs nothing set. Anywhere else the Host header comes from
 * whoever connects, so PUBLIC_URL or ALLOWED_HOSTS must say which hosts are the service's own.
 */
export function servedHosts(env: Pick<Env, 'HOST' | 'PORT' | 'NODE_ENV' | 'PUBLIC_URL' | 'ALLOWED_HOSTS'>): { publicUrl?: string; allowedHosts?: readonly string[] } {
  const development = env.NODE_ENV !== 'production' && isLoopbackName(env.HOST);
  if (!development && env.PUBLIC_URL === undefined && env.ALLOWED_HOSTS === undefined) {
    const why = env.NODE_ENV === 'production' ? 'NODE_ENV=production' : `HOST=${env.HOST} is not a loopback address`;
    throw new Error(`Set PUBLIC_URL (the address end users reach the service at) or ALLOWED_HOSTS (host[:port],…): ${why}, so the service will not build links from a request's Host header.`);
  }
  if (env.PUBLIC_URL !== undefined) return { publicUrl: env.PUBLIC_URL, ...(env.ALLOWED_HOSTS === undefined ? {} : { allowedHosts: env.ALLOWED_HOSTS }) };
  if (env.ALLOWED_HOSTS === undefined) return {};
  // Without PUBLIC_URL the service gives data holders http://HOST:PORT (redirect URI, JWKS): its own too.
  const own = env.PORT === 0 ? undefined : normalHost(`${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`);
  return { allowedHosts: own === undefined ? env.ALLOWED_HOSTS : [...env.ALLOWED_HOSTS, own] };
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return result.data;
}
