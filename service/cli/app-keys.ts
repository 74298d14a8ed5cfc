// `npm run app:keys -- list --app ID [--json]`
// `npm run app:keys -- create --app ID --name NAME [--scope SCOPE]... [--json]`  (every scope when none given)
// `npm run app:keys -- revoke --app ID --key KEY_ID`
// Manages an application's API keys from the machine that holds the database (the same as /v1/api-keys).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { API_KEY_SCOPES, apiKeyScopeSchema, type ApiKey } from '../../schema/index.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../api-keys/api-keys.repository.js';
import { findApplication } from '../apps/apps.repository.js';
import { systemClock } from '../clock.js';
import { describeDatabase, migrateToLatest, openDatabase, type Db } from '../db/database.js';
import { readEnv } from '../env.js';
import { runCli } from './run-cli.js';

const USAGE = 'Usage: npm run app:keys -- list|create|revoke --app ID [--name NAME] [--scope SCOPE]... [--key KEY_ID] [--json]';

const describeKey = (k: ApiKey) =>
  `${k.id}  ${k.prefix}…  ${k.name}  [${k.scopes.join(' ')}]  created ${k.createdAt}  last used ${k.lastUsedAt ?? 'never'}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}`;

async function allKeys(db: Db, appId: string): Promise<ApiKey[]> {
  const keys: ApiKey[] = [];
  let cursor: string | undefined;
  do {
    const page = await listApiKeys(db, appId, { limit: 100, ...(cursor ? { cursor } : {}) });
    keys.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return keys;
}

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      app: { type: 'string' },
      name: { type: 'string' },
      scope: { type: 'string', multiple: true, default: [] },
      key: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (!command || !['list', 'create', 'revoke'].includes(command) || !values.app) throw new Error(USAGE);
  const env = readEnv();
  const db = openDatabase(env.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const app = await findApplication(db, values.app);
    if (!app) throw new Error(`No application "${values.app}" in ${describeDatabase(env.DATABASE_URL)}.`);
    const at = systemClock.now().toISOString();
    if (command === 'list') {
      const keys = await allKeys(db, app.id);
      console.log(values.json ? JSON.stringify(keys) : keys.map(describeKey).join('\n') || '(no keys)');
    } else if (command === 'create') {
      if (!values.name) throw new Error(`Missing --name. ${USAGE}`);
      const scopes = values.scope.length ? z.array(apiKeyScopeSchema).parse(values.scope) : [...API_KEY_SCOPES];
      const created = await createApiKey(db, { appId: app.id, environment: app.environment, name: values.name, scopes, at });
      console.log(values.json ? JSON.stringify(created) : `${describeKey(created)}\n  API key: ${created.key}\n  (shown once: store it now)`);
    } else {
      if (!values.key) throw new Error(`Missing --key. ${USAGE}`);
      const revoked = await revokeApiKey(db, app.id, values.key, at);
      if (!revoked) throw new Error(`Application "${app.id}" has no key "${values.key}".`);
      console.log(values.json ? JSON.stringify(revoked) : describeKey(revoked));
    }
  } finally {
    await db.destroy();
  }
});
