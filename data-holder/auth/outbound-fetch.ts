import { Agent, fetch as undiciFetch } from 'undici';
import type { Fetch } from './client-assertion.js';

/**
 * The data holder's outbound fetch (recipients' `jwks_uri`): it trusts the Register's CA, since every
 * party's server certificate comes from it (Certificate Management). Close the agent on shutdown.
 */
export function outboundFetch(caCert: string): { fetch: Fetch; agent: Agent } {
  const agent = new Agent({ connect: { ca: caCert }, connectTimeout: 5_000, bodyTimeout: 5_000, headersTimeout: 5_000 });
  const fetch: Fetch = (url, init) => undiciFetch(url, { ...(init as object), dispatcher: agent }) as unknown as Promise<Response>;
  return { fetch, agent };
}
