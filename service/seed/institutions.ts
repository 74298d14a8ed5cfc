import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AUSTRALIAN_INSTITUTIONS, SANDBOX_INSTITUTIONS } from '../institutions/institutions.data.js';
import { upsertCatalogue } from '../institutions/institutions.repository.js';

/** Seeds the institution catalogue; safe at every start (live statuses are kept). */
export async function seedInstitutions(db: Db, clock: Clock): Promise<void> {
  await upsertCatalogue(db, [...SANDBOX_INSTITUTIONS, ...AUSTRALIAN_INSTITUTIONS], clock.now().toISOString());
}
