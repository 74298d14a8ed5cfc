import { Hono } from 'hono';
import { editorLinkRequestSchema, editorLinkSchema, type EditorLink } from '../../schema/api/editor.js';
import { apiKeyAuth } from '../auth/api-key-auth.js';
import type { ServiceDeps } from '../deps.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { publicBase } from '../http/base-url.js';
import { describeRoute } from '../openapi/describe.js';
import { createEditorLink, EDITOR_TTL } from './editor-tokens.js';

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
    // docs/contract.md §3 names no body; when one is sent it must be JSON of this shape.
    validate('json', editorLinkRequestSchema, { optionalBody: true }),
    async (c) => {
      const input = c.req.valid('json');
      const { appId, actor } = c.get('principal');
      const link = await createEditorLink(deps.db, deps.clock, appId, input.label ?? actor, input.ttlSeconds);
      const answer: EditorLink = { url: editorLinkUrl(publicBase(c), link.token), expiresAt: link.expiresAt };
      return c.json(answer, 201);
    },
  );
}
