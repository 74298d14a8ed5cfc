import type { Db } from '../db/database.js';
import { lockRow } from '../db/dialect.js';
import { notFound, Problem } from '../errors/problem.js';
import type { PublishedConfigCache } from './published-config-cache.js';
import { notReadyToPublish, publishBlockers } from './publish-readiness.js';
import { findDraft, findVersion, replaceDraftIfRevision, snapshotDraft, type DraftRow } from './configs.repository.js';

/** Checks the caller's precondition against the draft it is about to change (If-Match; throws 412/428). */
export type DraftCheck = (current: DraftRow) => void;

/**
 * Publishes the draft as the next immutable version, with who and when, and refreshes the public
 * config at once. One rule for every door (partner API and editor): 409 when it equals the live version,
 * 422 when a production application's draft still carries the demo identity or no CDR policy.
 */
export async function publishConfig(deps: { db: Db; configCache: PublishedConfigCache }, input: { appId: string; at: string; actor: string; check: DraftCheck }) {
  const result = await deps.db.transaction().execute(async (trx) => {
    await lockRow(trx, 'config_drafts', 'app_id', input.appId);
    const draft = await findDraft(trx, input.appId);
    if (!draft) throw notFound('Draft', 'This application has no config draft.');
    input.check(draft);
    const app = await trx.selectFrom('applications').select('environment').where('id', '=', input.appId).executeTakeFirstOrThrow();
    const blockers = publishBlockers(draft.document, app.environment);
    if (blockers.length) throw notReadyToPublish(blockers);
    return snapshotDraft(trx, input.appId, input.at, input.actor, { skipIfUnchanged: true });
  });
  if (result.unchanged) throw new Problem(409, 'nothing-to-publish', 'Nothing to publish', { detail: `The draft equals the live version ${result.version}.` });
  // The live config changed: the public route must not serve the old bytes a moment longer.
  deps.configCache.invalidate(input.appId);
  return { version: result.version, publishedAt: input.at, publishedBy: input.actor };
}

/** Makes an earlier version the draft; the live config changes only on the next publish. */
export async function rollbackConfig(db: Db, input: { appId: string; version: number; at: string; actor: string; check: DraftCheck }): Promise<DraftRow> {
  const draft = await db.transaction().execute(async (trx) => {
    await lockRow(trx, 'config_drafts', 'app_id', input.appId);
    const target = await findVersion(trx, input.appId, input.version);
    if (!target) throw notFound('Version', `This application has no published version ${input.version}.`);
    const current = await findDraft(trx, input.appId);
    if (!current) throw notFound('Draft');
    input.check(current);
    return replaceDraftIfRevision(trx, input.appId, target.document, current.revision, input.at, input.actor);
  });
  if (!draft) throw new Problem(412, 'draft-changed', 'Draft changed', { detail: 'The draft was saved meanwhile; reload and try again.' });
  return draft;
}
