import { createTestApp } from './test-app.js';

/**
 * The real service for web-test-runner: the browser tests' dev server forwards service paths here, so
 * widget tests talk to the real routes and database on the same origin as the test page.
 */
export async function createBrowserTestService() {
  return createTestApp();
}
