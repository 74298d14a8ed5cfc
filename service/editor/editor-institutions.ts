import type { Context } from 'hono';
import type { Institution } from '../../schema/api/institution.js';
import { findApplication } from '../apps/apps.repository.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors/problem.js';
import { publicBase } from '../http/base-url.js';
import { listInstitutions, toInstitution } from '../institutions/institutions.repository.js';
import { institutionsShown } from '../institutions/institutions.routes.js';

/**
 * Every institution an application may offer, whatever its published selection: what a designer picks
 * from, and what a draft preview filters by the draft's own selection (the public list holds only the
 * published one).
 */
export async function institutionsToChooseFrom(deps: Pick<ServiceDeps, 'db'>, c: Context, appId: string): Promise<Institution[]> {
  const app = await findApplication(deps.db, appId);
  if (!app) throw notFound('Application');
  const base = publicBase(c);
  return institutionsShown(await listInstitutions(deps.db), { mode: 'all', selected: [] }, app.environment).map((row) => toInstitution(row, base));
}
