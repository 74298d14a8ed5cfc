import { createApp } from './app.js';
import { listenForChanges } from './configs/change-listener.js';
import { systemClock } from './clock.js';
import { describeDatabase, migrateToLatest, openDatabase, unreachableMessage } from './db/database.js';
import { editorLinkUrl } from './editor/editor-links.routes.js';
import { createEditorLink } from './editor/editor-tokens.js';
import { readEnv, servedHosts, type Env } from './env.js';
import { jsonLogger } from './logging/logger.js';
import { listen } from './http/node-server.js';
import { DEMO_APP_ID, seedDemoApp } from './seed/demo-app.js';
import { syncInstitutionsFromRegister } from './institutions/register-sync.js';
import { createRecipient } from './recipient/recipient.js';
import { readRecipientIdentity } from './recipient/recipient-identity.js';
import { rateLimitSettings } from './rate-limits/rate-limit.js';
import { gracefulShutdown } from './ops/graceful-shutdown.js';

let env: Env;
let hosts: ReturnType<typeof servedHosts>;
try {
  env = readEnv();
  hosts = servedHosts(env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
let identity: ReturnType<typeof readRecipientIdentity>;
try {
  identity = readRecipientIdentity(env);
} catch (error) {
  console.error(`Invalid data recipient identity: ${(error as Error).message}`);
  process.exit(1);
}
const db = openDatabase(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE });
try {
  await migrateToLatest(db);
} catch (error) {
  // A database that is not there is the operator's to fix: say where it was looked for, not a stack trace.
  const unreachable = unreachableMessage(env.DATABASE_URL, error);
  if (!unreachable) throw error;
  console.error(unreachable);
  process.exit(1);
}
await seedDemoApp(db, systemClock);

// The origin data holders call back (redirect URI, JWKS, revocation): known once the port is.
let origin = env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`;
const log = jsonLogger({ now: () => systemClock.now() });
const recipient = identity ? createRecipient({ db, identity, baseUrl: () => origin, log }) : undefined;
const service = createApp({
  db,
  log,
  recipient,
  clock: systemClock,
  bundleDir: env.BUNDLE_DIR,
  demoAppId: DEMO_APP_ID,
  lifecycle: { stepDelayMs: env.SANDBOX_STEP_DELAY_MS, webhooks: { timeoutMs: env.WEBHOOK_TIMEOUT_MS, limits: { global: env.WEBHOOK_CONCURRENCY, perApp: env.WEBHOOK_CONCURRENCY_PER_APP } } },
  ...hosts,
  rateLimits: rateLimitSettings(env),
  metricsToken: env.METRICS_TOKEN,
});
// A fresh single-use editor link for the demo app on every start (docs/contract.md §4): valid 15 minutes.
const demoEditorLink = await createEditorLink(db, systemClock, DEMO_APP_ID, 'npm start');
const { server, port } = await listen(service, { port: env.PORT, hostname: env.HOST });
const base = env.PUBLIC_URL ?? `http://${env.HOST}:${port}`;
origin = base;
console.log(`Consent UI service on ${base}`);
console.log(`  demo page:      ${base}/`);
console.log(`  demo config:    ${base}/v1/apps/${DEMO_APP_ID}/config`);
console.log(`  editor link:    ${editorLinkUrl(base, demoEditorLink.token)}  (single use, 15 minutes)`);
console.log(`  draft preview:  ${base}/preview/${DEMO_APP_ID}  (opens once the editor link has been used in this browser)`);
console.log(`  database:       ${describeDatabase(env.DATABASE_URL)}`);
console.log(`  OpenAPI:        ${base}/openapi.json`);
// Keys are shown once, at creation, so there is no standing key to print here.
console.log(`  API key:        npm run app:create -- --name "My app" --origin https://app.example  (new app + key; asks for your brand, legal name, accreditation number and CDR policy)`);
console.log(`                  npm run app:keys -- create --app ${DEMO_APP_ID} --name "Local dev"  (a key for the demo app)`);

if (recipient) {
  console.log(`  data recipient: ${recipient.softwareProductId}  (redirect URI ${recipient.redirectUri})`);
} else {
  console.log('  data recipient: none configured (CDR_SANDBOX_FILE or CDR_SOFTWARE_PRODUCT_ID…): banks cannot be connected');
}

// The institutions list comes from the Register: now, then every CDR_REGISTER_SYNC_MS; a Register
// that does not answer is tried again at the next turn, with what was read last kept meanwhile.
const syncRegister = async () => {
  if (!recipient) return;
  try {
    const { brands } = await syncInstitutionsFromRegister({ db, clock: systemClock, log: service.deps.log, recipient });
    service.deps.log.info({ msg: 'institutions read from the Register', brands });
  } catch (error) {
    service.deps.log.warn({ msg: 'the Register did not answer', error: (error as Error).message });
  }
};
// Expiry, 7-day warnings, queued jobs (including any a previous process left) and webhook deliveries.
const stopScheduler = service.lifecycle.scheduler.start(env.SCHEDULER_INTERVAL_MS);
// Publishes and draft saves made through other instances (one database, many processes): told at
// once on PostgreSQL (LISTEN), looked for every half second on either database.
const stopSync = service.sync.start();
const stopListening = listenForChanges(env.DATABASE_URL, () => void service.sync.once().catch(() => undefined), service.deps.log);
let registerTimer: NodeJS.Timeout | undefined;
// A graceful stop (docs/deploy.md): not ready, no new connections, requests in flight finish within
// SHUTDOWN_TIMEOUT_MS, preview streams told to reconnect, the scheduler stopped (a job still running keeps
// its lease, which the next process takes over at once: its owner's pid is gone), then the database
// closes so SQLite checkpoints its WAL. Set before the first Register read, so a stop during it is handled
// too; a second signal ends the process at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (registerTimer) clearInterval(registerTimer);
    void gracefulShutdown({
      server,
      timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      log: service.deps.log,
      drain: service.drain,
      stopWork: () => Promise.all([stopScheduler(), stopSync(), stopListening()]).then(() => undefined),
      close: async () => {
        await recipient?.close();
        await db.destroy();
      },
    })
      .catch((error: unknown) => service.deps.log.error({ msg: 'shutdown failed', error: String(error) }))
      .finally(() => process.exit(0));
  });
}
await syncRegister();
registerTimer = setInterval(() => void syncRegister(), env.CDR_REGISTER_SYNC_MS);
registerTimer.unref();


