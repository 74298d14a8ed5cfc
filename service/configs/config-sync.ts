import type { DraftEvent } from '../../schema/api/editor.js';
import type { Db } from '../db/database.js';
import type { DraftEvents } from '../editor/draft-events.js';
import type { Logger } from '../logging/logger.js';
import type { PublishedConfigCache } from './published-config-cache.js';
import { findDraft } from './configs.repository.js';

/**
 * What another instance changed, found here: a publish or rollback drops this instance's cached config
 * (so every instance serves the new version, with its ETag, within one interval), and a draft saved
 * there reaches the previews open here. One query each per interval, over only the apps this instance
 * caches or streams, on either database.
 */
export function configSync(deps: { db: Db; cache: PublishedConfigCache; drafts: DraftEvents; log: Logger }) {
  async function pollDrafts() {
    const watched = deps.drafts.watchedApps();
    for (let i = 0; i < watched.length; i += 500) {
      const revisions = await deps.db.selectFrom('config_drafts').select(['app_id', 'revision']).where('app_id', 'in', watched.slice(i, i + 500)).execute();
      for (const { app_id: appId, revision } of revisions) {
        if (revision <= deps.drafts.sentRevision(appId)) continue;
        const draft = await findDraft(deps.db, appId);
        // publish() sends each revision once, so a save made here and seen again now is not repeated.
        if (draft) deps.drafts.publish(appId, { revision: draft.revision, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy, config: JSON.parse(draft.document) as DraftEvent['config'] });
      }
    }
  }

  let running: Promise<void> | undefined;
  let again = false;
  /**
   * One pass; a call during a pass runs one more after it, since that pass may have read before the
   * change it was called for (a notice arriving mid-pass must not wait for the next poll).
   */
  const once = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await Promise.all([deps.cache.dropStale(), pollDrafts()]);
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    /** One pass (tests call it instead of waiting; the change listener on each notice). */
    once,
    /** Every `intervalMs` until the returned function is called. */
    start(intervalMs = 500): () => Promise<void> {
      const timer = setInterval(() => {
        once().catch((error: unknown) => deps.log.warn({ msg: 'config sync failed', error: String(error) }));
      }, intervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running?.catch(() => undefined);
      };
    },
  };
}
