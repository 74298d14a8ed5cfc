import { z } from 'zod';
import type { SoftwareProduct } from './software-statement.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An absolute https URL without a fragment; http only on a loopback host, where the sandbox's own
 * recipient listens without TLS (the Register takes https URIs only).
 */
const endpointUrl = z
  .string()
  .max(1000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.hash === '' && url.username === '' && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)));
    } catch {
      return false;
    }
  }, 'must be an absolute https URL without a fragment (http only on a loopback host)');

/** Register ids: at most 36 characters in the Register's APIs; the sandbox allows a little more for test ids. */
export const registerId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores');

/** `scope`: space-separated scope tokens (RFC 6749 §3.3), openid among them. */
const scope = z
  .string()
  .max(2000)
  .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'must be scope tokens separated by single spaces')
  .refine((value) => value.split(' ').includes('openid'), 'must include openid');

/**
 * What the sandbox Register learns of a software product at enrolment, standing in for accreditation
 * and onboarding (the real Register learns these out of band).
 */
export const enrolmentSchema = z.strictObject({
  brandId: registerId,
  brandName: z.string().trim().min(1).max(200),
  legalEntityId: registerId,
  legalEntityName: z.string().trim().min(1).max(200),
  redirectUris: z.array(endpointUrl).min(1).max(20),
  jwksUri: endpointUrl,
  recipientBaseUri: endpointUrl,
  scope,
});

export type Enrolment = z.infer<typeof enrolmentSchema>;

/** A software product as the sandbox Register holds it: what it enrolled with, under its id. */
export type EnrolledProduct = Enrolment & { readonly softwareProductId: string };

export interface SoftwareProductStore {
  enrol(softwareProductId: string, enrolment: Enrolment): EnrolledProduct;
  get(softwareProductId: string): EnrolledProduct | undefined;
}

/** In memory, like the rest of the sandbox: a restart forgets every enrolment. */
export function createSoftwareProductStore(): SoftwareProductStore {
  const products = new Map<string, EnrolledProduct>();
  return {
    enrol(softwareProductId, enrolment) {
      const product = { softwareProductId, ...enrolment };
      products.set(softwareProductId, product);
      return product;
    },
    get: (softwareProductId) => products.get(softwareProductId),
  };
}

/** What the SSA is signed from. */
export function softwareStatementInput(product: EnrolledProduct): SoftwareProduct {
  return {
    softwareProductId: product.softwareProductId,
    brandId: product.brandId,
    brandName: product.brandName,
    legalEntityId: product.legalEntityId,
    legalEntityName: product.legalEntityName,
    redirectUris: product.redirectUris,
    jwksUri: product.jwksUri,
    recipientBaseUri: product.recipientBaseUri,
    scope: product.scope,
  };
}
