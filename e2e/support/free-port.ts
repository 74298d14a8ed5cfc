import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback port free at the time of asking: for a server whose origin must be known before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, 'localhost', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
