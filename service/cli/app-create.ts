// `npm run app:create -- --name NAME [--environment sandbox|production] [--origin URL]... [--json]`
// (CONTRACT §4): creates an application and prints its id and a new API key, shown this once.
import { parseArgs } from 'node:util';
import { createApplication } from '../apps/create-application.js';
import { systemClock } from '../clock.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { readEnv } from '../env.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      environment: { type: 'string', default: 'sandbox' },
      origin: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.name) throw new Error('Missing --name. Usage: npm run app:create -- --name NAME [--environment sandbox|production] [--origin URL]... [--json]');
  const env = readEnv();
  const db = openDatabase(env.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const { application, apiKey } = await createApplication(db, systemClock, {
      name: values.name,
      environment: values.environment as 'sandbox' | 'production',
      origins: values.origin,
    });
    if (values.json) {
      console.log(JSON.stringify({ id: application.id, apiKey: apiKey.key }));
      return;
    }
    console.log(`Created application "${application.name}" (${application.environment})`);
    console.log(`  id:              ${application.id}`);
    console.log(`  API key:         ${apiKey.key}`);
    console.log(`                   (shown once: store it now; scopes: ${apiKey.scopes.join(' ')})`);
    console.log(`  allowed origins: ${application.allowedOrigins.join(' ') || '(none: add with --origin)'}`);
    console.log(`  database:        ${env.DATABASE_URL}`);
  } finally {
    await db.destroy();
  }
});
