import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { editorLinkUrl } from './editor/editor-links.routes.js';
import { createEditorLink } from './editor/editor-tokens.js';
import { readEnv } from './env.js';
import { listen } from './http/node-server.js';
import { DEMO_APP_ID, seedDemoApp } from './seed/demo-app.js';
import { seedInstitutions } from './seed/institutions.js';

const env = readEnv();
const db = openDatabase(env.DATABASE_URL);
await migrateToLatest(db);
await seedDemoApp(db, systemClock);
await seedInstitutions(db, systemClock);

const service = createApp({
  db,
  clock: systemClock,
  bundleDir: env.BUNDLE_DIR,
  demoAppId: DEMO_APP_ID,
  lifecycle: { stepDelayMs: env.SANDBOX_STEP_DELAY_MS },
  ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
});
// A fresh single-use editor link for the demo app on every start (docs/contract.md §4): valid 15 minutes.
const demoEditorLink = await createEditorLink(db, systemClock, DEMO_APP_ID, 'npm start');
const { server, port } = await listen(service, { port: env.PORT, hostname: env.HOST });
const base = env.PUBLIC_URL ?? `http://${env.HOST}:${port}`;
console.log(`Consent UI service on ${base}`);
console.log(`  demo page:      ${base}/`);
console.log(`  demo config:    ${base}/v1/apps/${DEMO_APP_ID}/config`);
console.log(`  editor link:    ${editorLinkUrl(base, demoEditorLink.token)}  (single use, 15 minutes)`);
console.log(`  draft preview:  ${base}/preview/${DEMO_APP_ID}  (opens once the editor link has been used in this browser)`);
console.log(`  database:       ${env.DATABASE_URL}`);
console.log(`  OpenAPI:        ${base}/openapi.json`);
// Keys are shown once, at creation, so there is no standing key to print here.
console.log(`  API key:        npm run app:create -- --name "My app" --origin https://app.example  (new app + key; asks for your brand, legal name, accreditation number and CDR policy)`);
console.log(`                  npm run app:keys -- create --app ${DEMO_APP_ID} --name "Local dev"  (a key for the demo app)`);

// Expiry, 7-day warnings, queued jobs (including any a previous process left) and webhook deliveries.
const stopScheduler = service.lifecycle.scheduler.start(env.SCHEDULER_INTERVAL_MS);

// Close cleanly so SQLite checkpoints its WAL and the port is released.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void stopScheduler()
      .then(() => db.destroy())
      .finally(() => process.exit(0));
  });
}
