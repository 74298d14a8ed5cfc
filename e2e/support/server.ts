import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createTestApp } from '../../service/testing/test-app.js';

/**
 * The real service on a free loopback port, over real HTTP, with a fresh SQLite file: what end-to-end
 * tests drive. `url` has no trailing slash.
 */
export async function startServer(options: Parameters<typeof createTestApp>[0] = {}) {
  const service = await createTestApp(options);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: service.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...service,
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await service.close();
    },
  };
}
