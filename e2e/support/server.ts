import { createTestApp } from '../../service/testing/test-app.js';

/**
 * The real service on a free loopback port, over real HTTP, with a fresh SQLite file and the sandbox
 * data holder beside it: what end-to-end tests drive. `url` has no trailing slash.
 */
export async function startServer(options: Parameters<typeof createTestApp>[0] = {}) {
  const service = await createTestApp(options);
  return { ...service, stop: () => service.close() };
}
