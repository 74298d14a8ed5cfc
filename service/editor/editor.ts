import { Hono, type MiddlewareHandler } from 'hono';
import { findDraft } from '../configs/configs.repository.js';
import type { ServiceDeps } from '../deps.js';
import type { AppEnv } from '../http/app-env.js';
import { DraftEvents } from './draft-events.js';
import { editorApiRoutes } from './editor-api.routes.js';
import { editorLinkRoutes } from './editor-links.routes.js';
import { editorPageRoutes } from './editor-pages.routes.js';

/**
 * The designer's editor (issue 6): editor links, the cookie-authenticated editor API, `/editor`,
 * `/preview/{appId}` with its live event stream, and uploaded header images.
 *
 * `watchDraftWrites` goes in front of the partner config routes (`/v1/config/*`): a draft saved or
 * rolled back through the API also reaches open previews, not only edits made in the editor.
 */
export function editorArea(deps: ServiceDeps) {
  const events = new DraftEvents();
  const routes = new Hono<AppEnv>()
    .route('/', editorLinkRoutes(deps))
    .route('/', editorApiRoutes(deps, events))
    .route('/', editorPageRoutes(deps, events));

  const watchDraftWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    const writes = c.req.method !== 'GET' && /^\/v1\/config\/(draft|rollback)$/.test(c.req.path);
    if (!writes || !c.res.ok) return;
    const appId = c.get('principal')?.appId;
    const draft = appId ? await findDraft(deps.db, appId) : undefined;
    if (appId && draft) events.publish(appId, { revision: draft.revision, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy, config: JSON.parse(draft.document) });
  };

  return { routes, events, watchDraftWrites };
}
