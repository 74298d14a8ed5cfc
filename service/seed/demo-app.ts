import { parseConfig } from '../../schema/index.js';
import { findApplication, insertApplication } from '../apps/apps.repository.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { publishDraft, upsertDraft } from '../configs/configs.repository.js';

export const DEMO_APP_ID = 'demo';

/** Creates the demo application with a published default config, once; later starts leave it be. */
export async function seedDemoApp(db: Db, clock: Clock): Promise<void> {
  if (await findApplication(db, DEMO_APP_ID)) return;
  const at = clock.now().toISOString();
  await insertApplication(db, {
    id: DEMO_APP_ID,
    name: 'Demo app',
    environment: 'sandbox',
    allowedOrigins: ['http://localhost:8787', 'http://127.0.0.1:8787'],
    createdAt: at,
  });
  await upsertDraft(db, DEMO_APP_ID, parseConfig({}), at, 'seed');
  await publishDraft(db, DEMO_APP_ID, at, 'seed');
}
