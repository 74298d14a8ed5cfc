import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { trustHolderArgs } from './holder-trust.js';
import { startServer } from './server.js';

/** The real service of the test file that called `useLiveService` (a live binding: set before its tests). */
export let server: Awaited<ReturnType<typeof startServer>>;
/** That file's Chromium. */
export let browser: Browser;

/**
 * Starts the real service (a fresh SQLite file, real HTTP on a free port) and Debian Chromium before the
 * calling file's tests, and stops both after them. Vitest gives each test file its own module instance,
 * so `server` and `browser` belong to that file.
 */
export function useLiveService(options: Parameters<typeof startServer>[0] = {}): void {
  beforeAll(async () => {
    server = await startServer(options);
    browser = await launchBrowser(await trustHolderArgs(server.dataHolder.issuer, server.dataHolder.caCert));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}
