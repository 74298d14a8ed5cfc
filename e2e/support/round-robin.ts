import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer for tests: one public origin in front of several instances, each request to the next
 * one in turn (a fresh connection each, so no instance keeps a client). `counts` says who got what.
 */
export async function roundRobin(targets: () => readonly number[]): Promise<{ url: string; port: number; counts: Map<number, number>; close(): Promise<void> }> {
  let next = 0;
  const counts = new Map<number, number>();
  const server: Server = createServer((req, res) => {
    const ports = targets();
    const port = ports[next++ % ports.length]!;
    counts.set(port, (counts.get(port) ?? 0) + 1);
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    counts,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
