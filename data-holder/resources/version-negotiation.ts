import type { MiddlewareHandler } from 'hono';
import { CdsError } from './cds-errors.js';

/** The endpoint versions a data holder serves, lowest to highest. */
export interface SupportedVersions {
  readonly min: number;
  readonly max: number;
}

const POSITIVE_INTEGER = /^0*[1-9]\d*$/;

function parseVersion(name: 'x-v' | 'x-min-v', value: string): number {
  const trimmed = value.trim();
  // Invalid Version: "x-min-v, x-v … are not Integers … [or] not positive-value Integers".
  if (!POSITIVE_INTEGER.test(trimmed)) throw new CdsError('invalidVersion', `${name} must be a positive integer`);
  return Number(trimmed);
}

/**
 * The endpoint version to answer with, per "HTTP Headers" › Request Headers: x-v is mandatory; the
 * holder responds with the highest supported version between x-min-v and x-v; an x-min-v equal to or
 * higher than x-v is treated as absent; when no requested version is supported, 406 Unsupported
 * Version (whose detail may state the supported range, "Error Codes" › 406).
 */
export function negotiateVersion(xv: string | undefined, xMinV: string | undefined, supported: SupportedVersions): number {
  if (xv === undefined || xv.trim() === '') throw new CdsError('headerMissing', 'x-v');
  const highest = parseVersion('x-v', xv);
  let lowest = xMinV === undefined || xMinV.trim() === '' ? highest : parseVersion('x-min-v', xMinV);
  if (lowest >= highest) lowest = highest;
  const chosen = Math.min(highest, supported.max);
  if (chosen < lowest || chosen < supported.min) {
    throw new CdsError('unsupportedVersion', `Requested versions ${lowest === highest ? highest : `${lowest} to ${highest}`}; this endpoint supports ${supported.min === supported.max ? supported.min : `${supported.min} to ${supported.max}`}`, {
      meta: { minimumVersion: supported.min, maximumVersion: supported.max },
    });
  }
  return chosen;
}

export type VersionVariables = { version: number };

/** Negotiates the endpoint version and sets the mandatory `x-v` response header. */
export function endpointVersion(supported: SupportedVersions): MiddlewareHandler<{ Variables: VersionVariables }> {
  return async (c, next) => {
    const version = negotiateVersion(c.req.header('x-v'), c.req.header('x-min-v'), supported);
    c.set('version', version);
    c.header('x-v', String(version));
    await next();
  };
}
