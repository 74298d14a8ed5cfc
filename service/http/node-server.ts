import { getRequestListener } from '@hono/node-server';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceApp } from '../app.js';

/**
 * The service as a Node request listener: the app's Node-level fast path first (a cached published
 * config), then the Hono app through @hono/node-server. What `npm start`, the end-to-end tests and the
 * benchmark all serve, so they measure and test the same thing.
 */
export function serviceListener(service: Pick<ServiceApp, 'app' | 'fastPath'>): RequestListener {
  const hono = getRequestListener(service.app.fetch);
  return (incoming, outgoing) => {
    if (!service.fastPath(incoming, outgoing)) void hono(incoming, outgoing);
  };
}

/** Listens on `port` (0: a free one) and resolves once it does. */
export function listen(service: Pick<ServiceApp, 'app' | 'fastPath'>, options: { port: number; hostname: string }): Promise<{ server: Server; port: number }> {
  const server = createServer(serviceListener(service));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
