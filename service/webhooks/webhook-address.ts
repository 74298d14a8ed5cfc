import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * What an address is to the webhook deliverer: `public` may receive webhooks, `loopback` only a sandbox
 * application's (a partner testing on their own machine), `special` never.
 */
export type AddressKind = 'public' | 'loopback' | 'special';

/**
 * IPv6 global unicast (RFC 4291 §2.4, IANA IPv6 Address Space): everything outside it is unallocated,
 * local, multicast or an IPv4 embedding such as the deprecated IPv4-compatible `::a.b.c.d`.
 */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Classifies one IP address (dotted quad, IPv6 with or without brackets or zone). ipaddr.js names every
 * range of the IANA IPv4 and IPv6 Special-Purpose Address Registries (private, shared 100.64/10,
 * benchmarking, documentation, 6to4, Teredo, NAT64, ORCHID …) plus multicast and broadcast; anything it
 * does not call `unicast` is refused. IPv4-mapped IPv6 is judged as the IPv4 address it carries, so
 * `::ffff:7f00:1` is loopback. Anything that is not an IP address is `special`: fail closed.
 */
export function addressKind(address: string): AddressKind {
  const canonical = canonicalAddress(address);
  if (canonical === undefined || !ipaddr.isValid(canonical)) return 'special';
  const ip = ipaddr.process(canonical);
  const range = ip.range();
  if (range === 'loopback') return 'loopback';
  if (range !== 'unicast') return 'special';
  if (ip.kind() === 'ipv6' && !ip.match(GLOBAL_UNICAST_V6)) return 'special';
  return 'public';
}

/**
 * The WHATWG URL parser's serialisation of an address, which is the one spelling ipaddr.js reads right
 * (it takes the IPv4-compatible `::127.0.0.1` for IPv4-mapped). Zoned addresses are refused: a zone
 * only scopes a link-local address.
 */
function canonicalAddress(address: string): string | undefined {
  const text = address.replace(/^\[(.*)\]$/, '$1');
  const version = text.includes('%') ? 0 : isIP(text);
  if (version === 0) return undefined;
  const { hostname } = new URL(version === 6 ? `http://[${text}]/` : `http://${text}/`);
  return hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Names that never reach the public internet whatever DNS says: `localhost` and `*.localhost` are
 * loopback (RFC 6761 §6.3); `.local` (RFC 6762), `.home.arpa` (RFC 8375) and `.internal` (ICANN's
 * private-use top-level domain) are local networks.
 */
const LOCAL_NAME = /(^|\.)(local|home\.arpa|internal)$/;

/**
 * What a URL's host is, judged from its spelling alone (registration time: no DNS). The WHATWG URL parser
 * has already turned `2130706433`, `0x7f.1`, `127.1` and `017700000001` into `127.0.0.1`.
 */
export function hostKind(hostname: string): AddressKind | 'name' {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) || host.includes('%')) return addressKind(host);
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
  if (name === '' || LOCAL_NAME.test(name)) return 'special';
  return 'name';
}
