import type { Page } from 'playwright-core';
import { createApplication } from '../../service/apps/create-application.js';
import { startPartnerServer } from '../../examples/server/partner-server.mjs';
import { freePort } from './free-port.js';
import type { startServer } from './server.js';

export type Partner = Awaited<ReturnType<typeof startPartnerServer>>;

/**
 * A partner of its own (its own application, end user and pages, `examples/server`) on the given
 * service; `stop()` it after the test file.
 */
export async function newPartner(server: Awaited<ReturnType<typeof startServer>>): Promise<Partner> {
  // The partner's origin must be allowed before its server starts, so reserve a port first.
  const port = await freePort();
  const { apiKey } = await createApplication(server.db, server.clock, { name: 'Budget Buddy', origins: [`http://localhost:${port}`] });
  return startPartnerServer({ service: server.url, apiKey: apiKey.key, port });
}

/** The partner page's log of the widget's events (examples/server's own page script writes it). */
export const eventLog = (page: Page, name: string) => page.locator(`#events li[data-event="${name}"]`);
