import { Agent, fetch as undiciFetch } from 'undici';
import type { RecipientIdentity } from './recipient-identity.js';

export type MtlsFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Every call to a data holder or the Register: over TLS trusting only the Register's CA, presenting the
 * recipient's client certificate (Transport Security: mutual TLS on every back-channel call), with
 * timeouts so a data holder that hangs cannot hold a request or a job for ever.
 */
export function mtlsFetch(identity: Pick<RecipientIdentity, 'caCert' | 'clientCertificate'>): { fetch: MtlsFetch; close: () => Promise<void> } {
  const agent = new Agent({
    connect: { ca: identity.caCert, cert: identity.clientCertificate.cert, key: identity.clientCertificate.key },
    connectTimeout: 5_000,
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  });
  const fetch: MtlsFetch = (url, init) => undiciFetch(url, { ...(init as object), dispatcher: agent }) as unknown as Promise<Response>;
  return { fetch, close: () => agent.close() };
}
