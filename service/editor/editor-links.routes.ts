import { Hono } from 'hono';
import { editorLinkRequestSchema, editorLinkSchema, type EditorLink } from '../../schema/api/editor.js';
import { apiKeyAuth } from '../auth/api-key-auth.js';
import type { ServiceDeps } from '../deps.js';
import { Problem, validationFailed } from '../errors/problem.js';
import { formatPath } from '../../schema/index.js';
import type { AppEnv } from '../http/app-env.js';
import { publicBase } from '../http/base-url.js';
import { describeRoute } from '../openapi/describe.js';
import { createEditorLink, EDITOR_TTL } from './editor-tokens.js';

/** The body is optional (docs/contract.md §3 names none); when present it must be valid JSON of the right shape. */
async function readOptionalBody(text: string, contentType: string | undefined) {
  if (text.trim() === '') return {};
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? '')) {
    throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', { detail: 'Send the body as JSON with "Content-Type: application/json".' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw validationFailed([{ path: 'body', message: 'The body is not valid JSON' }]);
  }
  const result = editorLinkRequestSchema.safeParse(json);
  if (!result.success) {
    throw validationFailed(
      result.error.issues.map((i) => ({ path: formatPath(['body', ...i.path]), message: i.code === 'unrecognized_keys' ? `Unknown field(s): ${i.keys.join(', ')}` : i.message })),
    );
  }
  return result.data;
}

/** The URL of the editor for a link token. */
export const editorLinkUrl = (base: string, token: string) => `${base}/editor?link=${token}`;

/**
 * `POST /v1/editor-links` (docs/contract.md §3): a short-lived, single-use link that opens the editor for the
 * key's application. The key stays on the partner's server; the designer gets only the link, which
 * becomes an HttpOnly session cookie (issue 6: "no API key ever reaches the page").
 */
export function editorLinkRoutes(deps: ServiceDeps) {
  return new Hono<AppEnv>().post(
    '/v1/editor-links',
    describeRoute({
      summary: 'Create a single-use link into the designer\'s editor',
      description: `The link works once and expires after ${EDITOR_TTL.linkSeconds / 60} minutes unless ttlSeconds says otherwise (60–3600); the editor session it starts lasts ${EDITOR_TTL.sessionSeconds / 3600} hours. The body is optional.`,
      tags: ['Config'],
      responses: { 201: { description: 'The link', schema: editorLinkSchema } },
    }),
    apiKeyAuth(deps, 'config:write'),
    async (c) => {
      const input = await readOptionalBody(await c.req.text(), c.req.header('content-type'));
      const { appId, actor } = c.get('principal');
      const link = await createEditorLink(deps.db, deps.clock, appId, input.label ?? actor, input.ttlSeconds);
      const answer: EditorLink = { url: editorLinkUrl(publicBase(c, deps.publicUrl), link.token), expiresAt: link.expiresAt };
      return c.json(answer, 201);
    },
  );
}
