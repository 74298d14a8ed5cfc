import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandboxDataHolder } from '../../data-holder/sandbox.js';
import { createApplication } from '../../service/apps/create-application.js';
import { systemClock } from '../../service/clock.js';
import { migrateToLatest, openDatabase } from '../../service/db/database.js';
import { httpRequester } from '../../service/testing/connect-flow.js';
import { freePort } from './free-port.js';
import { startServiceProcess } from './service-process.js';

/**
 * The service as its own process, to be killed and started again, with what it needs around it: its
 * SQLite file in a temp folder, the sandbox data holder in this process (its credentials handed over in
 * the file `CDR_SANDBOX_FILE` names, as `npm start` does), a sandbox application (its page on
 * http://localhost, connect-flow.ts's return URL) and its key, and one
 * loopback port kept across restarts (as a real service restarts on its port). `db` is a second
 * connection to the file, for checks. Call `close()` after.
 */
export async function serviceFixture(name: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), `consent-ui-${name}-`));
  const holder = await startSandboxDataHolder();
  const credentialsFile = join(dir, 'sandbox.json');
  writeFileSync(credentialsFile, JSON.stringify(await holder.sandboxCredentials(`consent-ui-${name}-${randomUUID().slice(0, 8)}`)));
  const databaseUrl = join(dir, 'consent.db');
  const db = openDatabase(databaseUrl);
  await migrateToLatest(db);
  const { application, apiKey } = await createApplication(db, systemClock, { name: `Fixture ${name}`, origins: ['http://localhost'] });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const baseEnv = { DATABASE_URL: databaseUrl, CDR_SANDBOX_FILE: credentialsFile, PORT: String(port), SCHEDULER_INTERVAL_MS: '100', SANDBOX_STEP_DELAY_MS: '0', ...env };
  const running = new Set<Awaited<ReturnType<typeof startServiceProcess>>>();

  /** The partner's API-key caller, over HTTP. */
  const call = (path: string, options: { method?: string; body?: unknown } = {}) =>
    fetch(`${url}${path}`, {
      method: options.method ?? 'GET',
      headers: { authorization: `Bearer ${apiKey.key}`, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });

  return {
    dir,
    db,
    databaseUrl,
    holder,
    url,
    appId: application.id,
    apiKey: apiKey.key,
    partner: { call },
    /** For `authoriseAtBank`: requests to the service over HTTP, and the holder's CA for its pages. */
    journeyTarget: { request: httpRequester(url), dataHolder: { caCert: holder.caCert } },
    /** Starts the service; resolves once it listens. */
    async start(extraEnv: Record<string, string> = {}) {
      const service = await startServiceProcess({ ...baseEnv, ...extraEnv, HOST: '127.0.0.1' });
      running.add(service);
      service.child.once('exit', () => running.delete(service));
      return service;
    },
    /** Resolves once the service has read the sandbox bank's data holder from the Register. */
    async registerRead(timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      while (!(await db.selectFrom('institutions').select('id').where('id', '=', 'sandbox-bank').where('issuer', '=', holder.issuer).executeTakeFirst())) {
        if (Date.now() > end) throw new Error('the service did not read the Register');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      for (const service of running) await service.kill('SIGKILL');
      // A caller may have closed it already (a bench that opens its own connections).
      await db.destroy().catch(() => undefined);
      await holder.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ServiceFixture = Awaited<ReturnType<typeof serviceFixture>>;
