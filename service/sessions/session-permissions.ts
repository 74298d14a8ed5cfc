import type { SessionPurpose } from '../../schema/index.js';
import { Problem } from '../errors/problem.js';

export type AppEnvironment = 'sandbox' | 'production';

/** Who may use one session route: the session's purpose and its application's environment. */
export interface SessionRule {
  readonly purposes: readonly SessionPurpose[];
  readonly environments: readonly AppEnvironment[];
}

const JOURNEY = ['connect', 'extend'] as const;
const EVERY_ENVIRONMENT = ['sandbox', 'production'] as const;

/**
 * Every route a session token opens, keyed `METHOD /path` as the app registers it, and who may use it
 * (docs/decisions/session-permissions.md). A token grants only what its purpose is for: a connect or
 * extend session runs one journey (start it, follow it, read what came of it); a manage session is the
 * consent dashboard (list, withdraw, renew). A route missing here is refused to every session, so a
 * new route is closed until someone decides who may use it.
 *
 * No session route is limited by environment today: what differs between sandbox and production
 * applications is which institutions and webhook endpoints they may use (service/apps/environment-rules.ts).
 */
export const SESSION_ROUTES = {
  'GET /v1/session': { purposes: ['connect', 'extend', 'manage'], environments: EVERY_ENVIRONMENT },
  'POST /v1/session/authorisations': { purposes: JOURNEY, environments: EVERY_ENVIRONMENT },
  'GET /v1/session/authorisations/:id': { purposes: JOURNEY, environments: EVERY_ENVIRONMENT },
  'GET /v1/session/results/:ref': { purposes: JOURNEY, environments: EVERY_ENVIRONMENT },
  'GET /v1/session/jobs/:id': { purposes: JOURNEY, environments: EVERY_ENVIRONMENT },
  // An extend journey reads the consent it changes from the user's list.
  'GET /v1/session/consents': { purposes: ['manage', 'extend'], environments: EVERY_ENVIRONMENT },
  'DELETE /v1/session/consents/:id': { purposes: ['manage'], environments: EVERY_ENVIRONMENT },
  'POST /v1/session/renewals': { purposes: ['manage'], environments: EVERY_ENVIRONMENT },
  // Spends the token; a manage session is not spent (docs/contract.md §3), so it has nothing to complete.
  'POST /v1/session/complete': { purposes: JOURNEY, environments: EVERY_ENVIRONMENT },
  // The hosted pages take the token in their address and answer a page rather than a problem.
  'GET /connect': { purposes: JOURNEY, environments: EVERY_ENVIRONMENT },
  'GET /manage': { purposes: ['manage'], environments: EVERY_ENVIRONMENT },
} as const satisfies Record<string, SessionRule>;


const NOBODY: SessionRule = { purposes: [], environments: [] };

type SessionTable = Readonly<Record<string, SessionRule>>;

/** The rule for `key`; a route the table does not name admits no session. */
export function sessionRule(key: string, table: SessionTable = SESSION_ROUTES): SessionRule {
  return Object.hasOwn(table, key) ? table[key]! : NOBODY;
}

/** Why a session of this purpose and environment may not use the route `key`, or undefined when it may. */
export function sessionRefusal(key: string, session: { readonly purpose: SessionPurpose; readonly environment: AppEnvironment }, table: SessionTable = SESSION_ROUTES): Problem | undefined {
  const rule = sessionRule(key, table);
  if (!rule.purposes.includes(session.purpose)) {
    const detail = rule.purposes.length ? `A ${session.purpose} session cannot use ${key}; it needs a ${rule.purposes.join(' or ')} session.` : `No session may use ${key}.`;
    return new Problem(403, 'wrong-session-purpose', 'Forbidden', { detail });
  }
  if (!rule.environments.includes(session.environment)) {
    return new Problem(403, 'wrong-environment', 'Forbidden', { detail: `${key} is for ${rule.environments.join(' and ')} applications only.` });
  }
  return undefined;
}
