import type { MiddlewareHandler } from 'hono';
import type { ApiKeyScope } from '../../schema/index.js';
import { findApiKeyByHash, recordKeyUse } from '../api-keys/api-keys.repository.js';
import type { ServiceDeps } from '../deps.js';
import { Problem } from '../errors/problem.js';
import type { AppEnv } from '../http/app-env.js';
import { withDoc } from '../openapi/describe.js';
import { limitRequest } from '../rate-limits/rate-limit.js';
import { sha256Hex } from '../security/secrets.js';
import { bearerToken, unauthorized } from './bearer.js';

/** `last used` is written at most this often per key, so a busy key does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Partner routes: authenticates `Authorization: Bearer <API key>` (401 when missing, unknown or
 * revoked) and requires `scope` (403), then counts the request against the key's rate limit (429).
 * Sets `principal`: the key's application is the only one the request can see, which is what keeps
 * applications apart.
 */
export function apiKeyAuth(deps: Pick<ServiceDeps, 'db' | 'clock' | 'rateLimits'>, scope: ApiKeyScope): MiddlewareHandler<AppEnv> {
  const handler: MiddlewareHandler<AppEnv> = async (c, next) => {
    const key = bearerToken(c.req.header('authorization'), 'API key');
    if (key.startsWith('cus_')) throw unauthorized('This route needs an API key; session tokens are only for the widget.', 'invalid_token');
    const row = await findApiKeyByHash(deps.db, sha256Hex(key));
    if (!row) throw unauthorized('Unknown API key.', 'invalid_token');
    if (row.revoked_at) throw unauthorized('This API key was revoked.', 'invalid_token', 'key-revoked');
    const scopes = new Set(JSON.parse(row.scopes) as ApiKeyScope[]);
    if (!scopes.has(scope)) {
      throw new Problem(403, 'insufficient-scope', 'Forbidden', {
        detail: `This API key lacks the "${scope}" scope.`,
        headers: { 'www-authenticate': `Bearer realm="consent-ui", error="insufficient_scope", scope="${scope}"` },
      });
    }
    const now = deps.clock.now();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
      await recordKeyUse(deps.db, row.id, now.toISOString());
    }
    c.set('principal', { appId: row.app_id, keyId: row.id, actor: `${row.name} (${row.prefix}…)`, scopes });
    // Counted once the key is known good: a stranger guessing keys cannot spend a partner's quota.
    const limits = deps.rateLimits;
    if (limits) await limitRequest(c, limits.limiter, limits.apiKey, row.id, next);
    else await next();
  };
  return withDoc(handler, { kind: 'security', scheme: 'apiKey', scope });
}
