import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A partner's page on another origin, served with the given Content-Security-Policy: proves the widget
 * embeds cross-origin by one script tag under a strict policy. `url` has no trailing slash.
 */
export async function startHostPage(options: { html: string; csp: string }) {
  const server: Server = createServer((request, response) => {
    if (request.url === '/favicon.ico') return response.writeHead(204).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': options.csp });
    response.end(options.html);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
