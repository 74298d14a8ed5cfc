import { getRequestListener } from '@hono/node-server';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceApp } from '../app.js';

type Served = Pick<ServiceApp, 'app' | 'fastPath' | 'deps'> & Partial<Pick<ServiceApp, 'metrics'>>;

/**
 * The service as a Node request listener: the app's Node-level fast path first (a cached published
 * config), then the Hono app through @hono/node-server. What `npm start`, the end-to-end tests and the
 * benchmark all serve, so they measure and test the same thing.
 */
export function serviceListener(service: Served, options: { hostname?: string } = {}): RequestListener {
  // `hostname`: what a request without a Host header (HTTP/1.0 health checks) is taken to be, as `serve` does.
  const hono = getRequestListener(service.app.fetch, options.hostname ? { hostname: options.hostname } : {});
  return (incoming, outgoing) => {
    let answered = false;
    const started = performance.now();
    try {
      answered = service.fastPath(incoming, outgoing);
      // Answered whole and synchronously: the time is the answer's.
      if (answered) service.metrics?.fastPathAnswered(outgoing.statusCode, (performance.now() - started) / 1000);
    } catch (error) {
      // Never a crash of the whole service: the route answers instead (or, mid-answer, the socket closes).
      service.deps.log.error({ msg: 'config fast path failed', error: String(error) });
      if (outgoing.headersSent) {
        outgoing.destroy();
        return;
      }
    }
    if (answered) return;
    // Also on the answers @hono/node-server writes itself (a malformed request), which no middleware sees.
    outgoing.setHeader('x-content-type-options', 'nosniff');
    void hono(incoming, outgoing);
  };
}

/** Listens on `port` (0: a free one) and resolves once it does. */
export function listen(service: Served, options: { port: number; hostname: string }): Promise<{ server: Server; port: number }> {
  const server = createServer(serviceListener(service, { hostname: options.hostname }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
