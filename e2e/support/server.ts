import { listen } from '../../service/http/node-server.js';
import { createTestApp } from '../../service/testing/test-app.js';

/**
 * The real service on a free loopback port, over real HTTP, with a fresh SQLite file: what end-to-end
 * tests drive. `url` has no trailing slash.
 */
export async function startServer(options: Parameters<typeof createTestApp>[0] = {}) {
  const service = await createTestApp(options);
  const { server, port } = await listen(service, { port: 0, hostname: '127.0.0.1' });
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
