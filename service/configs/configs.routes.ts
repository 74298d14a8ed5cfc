import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  configDraftSchema,
  configSchema,
  configVersionSchema,
  configVersionSummarySchema,
  pageQuerySchema,
  pageSchema,
  rollbackSchema,
  type ConfigDraft,
} from '../../schema/index.js';
import { apiKeyAuth } from '../auth/api-key-auth.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { decodeCursor, invalidCursor, toPage } from '../http/pagination.js';
import { describeRoute } from '../openapi/describe.js';
import { findDraft, findVersion, listVersions, replaceDraftIfRevision, type DraftRow } from './configs.repository.js';
import { publishConfig, rollbackConfig } from './config-changes.js';
import { checkIfMatch, draftEtag } from './preconditions.js';

const tags = ['Config'];
const versionParams = z.strictObject({ n: z.coerce.number().int({ error: 'Use a version number' }).min(1, { error: 'Versions start at 1' }) });
const etagHeader = { ETag: 'The draft\'s strong ETag; send it back in If-Match' };
const ifMatch = (required: boolean) => ({ 'If-Match': { description: `The draft's ETag as last read${required ? '' : ' (optional: guards against acting on a draft you have not seen)'}`, required } });
const draftResponse = { description: 'The draft', schema: configDraftSchema, headers: etagHeader };
const stale = { 412: { description: 'The draft changed since the ETag was read; the newer draft is kept' } };

function sendDraft(c: Context<AppEnv>, draft: DraftRow) {
  const body: ConfigDraft = { revision: draft.revision, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy, config: JSON.parse(draft.document) as ConfigDraft['config'] };
  return c.json(body, 200, { etag: draftEtag(draft.revision), 'cache-control': 'private, no-cache' });
}

async function requireDraft(deps: ServiceDeps, appId: string): Promise<DraftRow> {
  const draft = await findDraft(deps.db, appId);
  if (!draft) throw notFound('Draft', 'This application has no config draft.');
  return draft;
}

/** `/v1/config/…`: the calling application's draft and its history of published versions. */
export function configRoutes(deps: ServiceDeps) {
  const now = () => deps.clock.now().toISOString();
  return new Hono<AppEnv>()
    .get(
      '/v1/config/draft',
      describeRoute({ summary: 'Read the config draft', tags, responses: { 200: draftResponse } }),
      apiKeyAuth(deps, 'config:read'),
      async (c) => sendDraft(c, await requireDraft(deps, c.get('principal').appId)),
    )
    .put(
      '/v1/config/draft',
      describeRoute({
        summary: 'Save the whole config draft',
        description: 'The body is the whole config document, validated with the shared schema (unknown keys rejected, defaults filled).',
        tags,
        headers: ifMatch(true),
        responses: { 200: draftResponse, ...stale, 428: { description: 'If-Match is missing' } },
      }),
      apiKeyAuth(deps, 'config:write'),
      validate('json', configSchema),
      async (c) => {
        const { appId, actor } = c.get('principal');
        const current = await requireDraft(deps, appId);
        checkIfMatch(c.req.header('if-match'), current.revision, true);
        const saved = await replaceDraftIfRevision(deps.db, appId, JSON.stringify(c.req.valid('json')), current.revision, now(), actor);
        // Someone saved between the read and the conditional write: same answer as a stale If-Match.
        if (!saved) checkIfMatch(draftEtag(current.revision), (await requireDraft(deps, appId)).revision, true);
        return sendDraft(c, saved!);
      },
    )
    .post(
      '/v1/config/publish',
      describeRoute({
        summary: 'Publish the draft as the next immutable version',
        tags,
        headers: ifMatch(false),
        responses: {
          201: { description: 'The new version', schema: configVersionSummarySchema, headers: { Location: 'The version\'s URL' } },
          ...stale,
          409: { description: 'The draft equals the live version: nothing to publish' },
          422: { description: "A production application's draft still has the demo identity or no CDR policy URL: errors[] names the fields" },
        },
      }),
      apiKeyAuth(deps, 'config:write'),
      async (c) => {
        const { appId, actor } = c.get('principal');
        const published = await publishConfig(deps, { appId, at: now(), actor, check: (draft) => checkIfMatch(c.req.header('if-match'), draft.revision, false) });
        c.header('location', `/v1/config/versions/${published.version}`);
        return c.json(published, 201);
      },
    )
    .get(
      '/v1/config/versions',
      describeRoute({ summary: 'List published versions, newest first', tags, responses: { 200: { description: 'A page of versions', schema: pageSchema(configVersionSummarySchema) } } }),
      apiKeyAuth(deps, 'config:read'),
      validate('query', pageQuerySchema),
      async (c) => {
        const { limit, cursor } = c.req.valid('query');
        const before = cursor === undefined ? undefined : decodeCursor(cursor, 1)[0];
        if (before !== undefined && typeof before !== 'number') throw invalidCursor();
        const rows = await listVersions(deps.db, c.get('principal').appId, { limit, ...(before === undefined ? {} : { before }) });
        return c.json(toPage(rows, limit, (r) => ({ version: r.version, publishedAt: r.published_at, publishedBy: r.published_by }), (r) => [r.version]));
      },
    )
    .get(
      '/v1/config/versions/:n',
      describeRoute({ summary: 'Read one published version', tags, responses: { 200: { description: 'The version and its config', schema: configVersionSchema }, 404: { description: 'No such version' } } }),
      apiKeyAuth(deps, 'config:read'),
      validate('param', versionParams),
      async (c) => {
        const found = await findVersion(deps.db, c.get('principal').appId, c.req.valid('param').n);
        if (!found) throw notFound('Version');
        return c.json({ version: found.version, publishedAt: found.publishedAt, publishedBy: found.publishedBy, config: JSON.parse(found.document) as unknown });
      },
    )
    .post(
      '/v1/config/rollback',
      describeRoute({
        summary: 'Make an earlier version the draft (publish to make it live)',
        tags,
        headers: ifMatch(false),
        responses: { 200: draftResponse, ...stale, 404: { description: 'No such version' } },
      }),
      apiKeyAuth(deps, 'config:write'),
      validate('json', rollbackSchema),
      async (c) => {
        const { appId, actor } = c.get('principal');
        const check = (current: DraftRow) => checkIfMatch(c.req.header('if-match'), current.revision, false);
        // Rollback changes only the draft; the live config (and its cache) changes on publish.
        return sendDraft(c, await rollbackConfig(deps.db, { appId, version: c.req.valid('json').version, at: now(), actor, check }));
      },
    );
}
