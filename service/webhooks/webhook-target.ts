import { isIP } from 'node:net';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;
const PRIVATE_V4 = [/^10\./, /^172\.(1[6-9]|2\d|3[01])\./, /^192\.168\./, /^169\.254\./, /^0\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];
const PRIVATE_V6 = /^\[?(f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):/i;

/**
 * Why the service must not send webhooks to this URL, or undefined. Deliveries come from inside the
 * service's network, so an endpoint on a private or link-local address would let a partner probe it
 * (SSRF). Loopback is allowed for sandbox applications only, for partners testing on their own machine.
 */
export function webhookTargetProblem(value: string, environment: 'sandbox' | 'production'): string | undefined {
  const url = new URL(value);
  const host = url.hostname;
  if (LOOPBACK.test(host)) return environment === 'sandbox' ? undefined : 'Loopback addresses are allowed for sandbox applications only';
  if (url.protocol !== 'https:') return 'Use https';
  const literal = host.replace(/^\[|\]$/g, '');
  if ((isIP(literal) === 4 && PRIVATE_V4.some((range) => range.test(literal))) || (isIP(literal) === 6 && PRIVATE_V6.test(literal))) {
    return 'Private and link-local addresses cannot receive webhooks';
  }
  return undefined;
}
