import type { AppEnvironment } from '../sessions/session-permissions.js';

/**
 * What an application's environment lets it use beyond the routes (those are SESSION_ROUTES'). A
 * sandbox application tries the service out: it may connect the sandbox data holders and send webhooks
 * to its developer's own machine. A production one handles real customers: it is never offered the
 * sandbox holders (their data is made up) and never delivers to loopback (the service's own host).
 */
export const ENVIRONMENT_RULES = {
  sandbox: { sandboxInstitutions: true, loopbackWebhooks: true },
  production: { sandboxInstitutions: false, loopbackWebhooks: false },
} as const satisfies Record<AppEnvironment, { readonly sandboxInstitutions: boolean; readonly loopbackWebhooks: boolean }>;
