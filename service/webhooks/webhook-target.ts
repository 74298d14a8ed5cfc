import { ENVIRONMENT_RULES } from '../apps/environment-rules.js';
import { hostKind } from './webhook-address.js';

/**
 * Why the service must not send webhooks to this URL, or undefined: the registration-time check, from
 * the URL's spelling alone. Deliveries come from inside the service's network, so an endpoint on a
 * private, link-local or other special-purpose address would let a partner probe it (SSRF). Loopback is
 * allowed for sandbox applications only, for partners testing on their own machine. A name may still
 * resolve anywhere: the deliverer checks the resolved addresses at every attempt (webhook-request.ts).
 */
export function webhookTargetProblem(value: string, environment: 'sandbox' | 'production'): string | undefined {
  const url = new URL(value);
  const kind = hostKind(url.hostname);
  if (kind === 'special') return 'Private, link-local and other special-purpose addresses cannot receive webhooks';
  if (kind === 'loopback') return ENVIRONMENT_RULES[environment].loopbackWebhooks ? schemeProblem(url, true) : 'Loopback addresses are allowed for sandbox applications only';
  return schemeProblem(url, false);
}

function schemeProblem(url: URL, loopback: boolean): string | undefined {
  if (url.protocol === 'https:' || (loopback && url.protocol === 'http:')) return undefined;
  return 'Use https';
}
