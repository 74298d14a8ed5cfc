import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { configSchema, rollbackSchema } from '../../schema/index.js';
import {
  editorDraftSchema,
  editorSessionSchema,
  previewLinkSchema,
  publishResultSchema,
  versionDetailSchema,
  type DraftStamp,
  type EditorDraft,
  type VersionSummary,
} from '../../schema/api/editor.js';
import { findApplication } from '../apps/apps.repository.js';
import { publishConfig, rollbackConfig } from '../configs/config-changes.js';
import { findDraft, findVersion, listVersions, replaceDraftIfRevision, type DraftRow } from '../configs/configs.repository.js';
import { checkIfMatch, draftEtag } from '../configs/preconditions.js';
import type { ServiceDeps } from '../deps.js';
import { notFound, Problem } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import { publicBase } from '../http/base-url.js';
import { describeRoute } from '../openapi/describe.js';
import type { DraftEvents } from './draft-events.js';
import { editorAuth, type EditorEnv } from './editor-auth.js';
import { institutionsToChooseFrom } from './editor-institutions.js';
import { createPreviewLink } from './editor-tokens.js';
import { storeImage } from './images.js';
import { qrSvg } from './qr.js';

/** Internal to the editor page: authenticated by the editor-session cookie, not by an API key. */
const tags = ['Editor'];
const IF_MATCH = { 'If-Match': { description: 'The draft\'s ETag as last read', required: true } };
const versionParams = z.strictObject({ n: z.coerce.number().int().min(1) });

const toDraft = (row: DraftRow): EditorDraft => ({ revision: row.revision, updatedAt: row.updatedAt, updatedBy: row.updatedBy, config: JSON.parse(row.document) as EditorDraft['config'] });

/**
 * If-Match against the draft (issue 3's preconditions), with the current draft's stamp added to a 412
 * so the editor can say who saved meanwhile and when (issue 6: "nothing is lost silently").
 */
function checkDraftIfMatch(c: Context, current: DraftRow, required: boolean) {
  try {
    checkIfMatch(c.req.header('if-match'), current.revision, required);
  } catch (error) {
    if (!(error instanceof Problem) || error.status !== 412) throw error;
    const stamp: DraftStamp = { revision: current.revision, updatedAt: current.updatedAt, updatedBy: current.updatedBy };
    throw new Problem(412, 'draft-changed', 'Draft changed', { detail: String(error.body.detail ?? ''), headers: error.headers, extensions: { current: stamp } });
  }
}

/** `/editor/api/*`: the editor's draft, publish and history, for the application of the editor session. */
export function editorApiRoutes(deps: ServiceDeps, events: DraftEvents) {
  const now = () => deps.clock.now().toISOString();
  const actor = (c: Context<EditorEnv>) => `${c.get('editor').label} (editor)`;
  const requireDraft = async (appId: string) => {
    const draft = await findDraft(deps.db, appId);
    if (!draft) throw notFound('Draft', 'This application has no config draft.');
    return draft;
  };
  const sendDraft = (c: Context<EditorEnv>, row: DraftRow) => c.json(toDraft(row), 200, { etag: draftEtag(row.revision) });
  const announce = (appId: string, row: DraftRow) => events.publish(appId, toDraft(row));

  return new Hono<EditorEnv>()
    .use('/editor/api/*', editorAuth(deps))
    .get('/editor/api/session', describeRoute({ summary: 'The editor session: which application, for whom, until when', tags, responses: { 200: { description: 'The session', schema: editorSessionSchema } } }), async (c) => {
      const editor = c.get('editor');
      const app = await findApplication(deps.db, editor.appId);
      return c.json({ appId: editor.appId, appName: app?.name ?? editor.appId, label: editor.label, expiresAt: editor.expiresAt });
    })
    .get('/editor/api/draft', describeRoute({ summary: 'Read the draft (editor)', tags, responses: { 200: { description: 'The draft', schema: editorDraftSchema, headers: { ETag: 'Send back in If-Match' } } } }), async (c) => sendDraft(c, await requireDraft(c.get('editor').appId)))
    .put('/editor/api/draft', describeRoute({ summary: 'Save the draft (editor); If-Match required', tags, headers: IF_MATCH, responses: { 200: { description: 'The saved draft', schema: editorDraftSchema }, 412: { description: 'Saved by someone else meanwhile; `current` says who and when' } } }), validate('json', configSchema), async (c) => {
      const { appId } = c.get('editor');
      const current = await requireDraft(appId);
      checkDraftIfMatch(c, current, true);
      const saved = await replaceDraftIfRevision(deps.db, appId, JSON.stringify(c.req.valid('json')), current.revision, now(), actor(c));
      // Someone saved between the read and the conditional write: the same 412 as a stale If-Match.
      if (!saved) checkDraftIfMatch(c, await requireDraft(appId), true);
      announce(appId, saved!);
      return sendDraft(c, saved!);
    })
    .post('/editor/api/publish', describeRoute({ summary: 'Publish the draft the designer reviewed (editor); If-Match required', tags, headers: IF_MATCH, responses: { 201: { description: 'The new version', schema: publishResultSchema }, 409: { description: 'Nothing to publish' }, 412: { description: 'The draft changed' }, 422: { description: 'Production: the demo identity or no CDR policy URL (errors[] names the fields)' } } }), async (c) => {
      const { appId } = c.get('editor');
      // If-Match required here: what goes live must be exactly the draft the designer reviewed.
      const published = await publishConfig(deps, { appId, at: now(), actor: actor(c), check: (draft) => checkDraftIfMatch(c, draft, true) });
      return c.json({ version: published.version, publishedAt: published.publishedAt }, 201);
    })
    .get('/editor/api/versions', describeRoute({ summary: 'Published versions, newest first (editor)', tags, responses: { 200: { description: 'The versions' } } }), async (c) => {
      const rows = await listVersions(deps.db, c.get('editor').appId, { limit: 200 });
      const live = rows[0]?.version;
      const data: VersionSummary[] = rows.slice(0, 200).map((r) => ({ version: r.version, publishedAt: r.published_at, publishedBy: r.published_by, live: r.version === live }));
      return c.json({ data });
    })
    .get('/editor/api/versions/:n', describeRoute({ summary: 'One published version (editor)', tags, responses: { 200: { description: 'The version', schema: versionDetailSchema }, 404: { description: 'No such version' } } }), validate('param', versionParams), async (c) => {
      const { appId } = c.get('editor');
      const found = await findVersion(deps.db, appId, c.req.valid('param').n);
      if (!found) throw notFound('Version');
      const latest = (await listVersions(deps.db, appId, { limit: 1 }))[0]?.version;
      return c.json({ version: found.version, publishedAt: found.publishedAt, publishedBy: found.publishedBy, live: found.version === latest, config: JSON.parse(found.document) as unknown });
    })
    .post('/editor/api/rollback', describeRoute({ summary: 'Copy a version into the draft (editor); If-Match required', tags, headers: IF_MATCH, responses: { 200: { description: 'The new draft', schema: editorDraftSchema }, 404: { description: 'No such version' }, 412: { description: 'The draft changed' } } }), validate('json', rollbackSchema), async (c) => {
      const { appId } = c.get('editor');
      const draft = await rollbackConfig(deps.db, { appId, version: c.req.valid('json').version, at: now(), actor: actor(c), check: (current) => checkDraftIfMatch(c, current, true) });
      announce(appId, draft);
      return sendDraft(c, draft);
    })
    .post('/editor/api/preview-links', describeRoute({ summary: 'A short-lived link to the live draft preview, with its QR code (editor)', tags, responses: { 201: { description: 'The link', schema: previewLinkSchema } } }), async (c) => {
      const { appId, label } = c.get('editor');
      const link = await createPreviewLink(deps.db, deps.clock, appId, label);
      const url = `${publicBase(c)}/preview/${encodeURIComponent(appId)}?t=${link.token}`;
      return c.json({ url, expiresAt: link.expiresAt, qrSvg: await qrSvg(url) }, 201);
    })
    .get('/editor/api/institutions', describeRoute({ summary: 'Every institution the application may offer (editor)', tags, responses: { 200: { description: 'The institutions' } } }), async (c) => {
      return c.json({ data: await institutionsToChooseFrom(deps, c, c.get('editor').appId) });
    })
    .post('/editor/api/images', describeRoute({ summary: 'Upload a header image: PNG, JPEG, WebP or GIF up to 200 KB (editor)', tags, responses: { 201: { description: 'Its public URL' }, 400: { description: 'Not an image, or too large' } } }), async (c) => {
      const { appId } = c.get('editor');
      const id = await storeImage(deps, appId, c.req.header('content-type') ?? '', new Uint8Array(await c.req.arrayBuffer()));
      return c.json({ url: `${publicBase(c)}/assets/images/${id}` }, 201);
    });
}
