import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { CdsError } from './cds-errors.js';

/**
 * The request headers the standard asks of a data recipient on authenticated resource calls, and the
 * response header it asks back ("HTTP Headers" › Request Headers / Response Headers).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// FAPI 1.0 Baseline gives x-fapi-auth-date as an HTTP-date (RFC 7231 IMF-fixdate), e.g.
// "Thu, 16 Jan 2020 16:50:15 GMT" as in the standard's sample request headers.
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * x-fapi-interaction-id: played back when the recipient sent one, otherwise a new RFC 4122 UUID; it
 * "MUST be responded for success and error responses for authenticated APIs", so it is set before
 * anything can fail (and the error handler sets it again from the context).
 */
export function interactionId(): MiddlewareHandler<{ Variables: { interactionId: string } }> {
  return async (c, next) => {
    const sent = c.req.header('x-fapi-interaction-id')?.trim();
    const id = sent && UUID.test(sent) ? sent : randomUUID();
    c.set('interactionId', id);
    c.header('x-fapi-interaction-id', id);
    if (sent !== undefined && sent !== id) throw new CdsError('headerInvalid', 'x-fapi-interaction-id must be an RFC 4122 UUID');
    await next();
  };
}

/**
 * x-fapi-auth-date is "required for all resource calls (customer present and unattended)".
 * x-fapi-customer-ip-address marks a customer-present call, for which x-cds-client-headers (the
 * customer's own headers, Base64) is mandatory.
 */
export function recipientHeaders(): MiddlewareHandler {
  return async (c, next) => {
    const authDate = c.req.header('x-fapi-auth-date');
    if (authDate === undefined || authDate.trim() === '') throw new CdsError('headerMissing', 'x-fapi-auth-date');
    if (!HTTP_DATE.test(authDate.trim()) || Number.isNaN(Date.parse(authDate))) {
      throw new CdsError('headerInvalid', 'x-fapi-auth-date must be an HTTP-date, e.g. "Thu, 16 Jan 2020 16:50:15 GMT"');
    }
    const customerIp = c.req.header('x-fapi-customer-ip-address');
    if (customerIp !== undefined) {
      if (isIP(customerIp.trim()) === 0) throw new CdsError('headerInvalid', 'x-fapi-customer-ip-address must be an IPv4 or IPv6 address');
      const clientHeaders = c.req.header('x-cds-client-headers');
      if (clientHeaders === undefined || clientHeaders.trim() === '') throw new CdsError('headerMissing', 'x-cds-client-headers');
      if (!BASE64.test(clientHeaders.trim())) throw new CdsError('headerInvalid', 'x-cds-client-headers must be Base64');
    }
    await next();
  };
}

/**
 * Accept: "If specified, the media type must be set to application/json … If set to an unacceptable
 * value the holder must respond with a 406 Not Acceptable"; absent or a wildcard means JSON.
 */
export function acceptJson(): MiddlewareHandler {
  return async (c, next) => {
    const accept = c.req.header('accept');
    if (accept !== undefined && accept.trim() !== '') {
      const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
      if (!types.some((t) => t === 'application/json' || t === 'application/*' || t === '*/*')) {
        throw new CdsError('notAcceptable', `Accept must allow application/json, not ${accept}`);
      }
    }
    await next();
  };
}
