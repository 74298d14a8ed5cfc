import { Hono } from 'hono';
import { createdSessionSchema, createSessionSchema, sessionInfoSchema, type CreatedSession } from '../../schema/index.js';
import { apiKeyAuth } from '../auth/api-key-auth.js';
import type { ServiceDeps } from '../deps.js';
import { notFound, Problem } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import type { AppEnv } from '../http/app-env.js';
import { publicBase } from '../http/base-url.js';
import { describeRoute } from '../openapi/describe.js';
import { findUser } from '../users/users.repository.js';
import { rateLimit } from '../rate-limits/rate-limit.js';
import { sessionAuth } from './session-auth.js';
import { createSession } from './sessions.repository.js';
import { findConsent } from '../consents/consents.repository.js';

const HOSTED_PAGE = { connect: '/connect', extend: '/connect', manage: '/manage' } as const;

/** `POST /v1/sessions` (partner) and `GET /v1/session` (the widget, with the session's token). */
export function sessionRoutes(deps: ServiceDeps) {
  return new Hono<AppEnv>()
    .post(
      '/v1/sessions',
      describeRoute({
        summary: 'Start a session for an end user: a token for the widget and a hosted page URL',
        description: 'A new session for the same user and purpose invalidates the earlier one. The token is shown once.',
        tags: ['Sessions'],
        responses: { 201: { description: 'The session', schema: createdSessionSchema }, 404: { description: 'This application has no such user' } },
      }),
      apiKeyAuth(deps, 'sessions:write'),
      // Per application, beside the key's own limit: an application's keys share one budget of sessions.
      rateLimit(deps.rateLimits, (limits) => limits.sessions, (c) => c.get('principal').appId),
      validate('json', createSessionSchema),
      async (c) => {
        const { appId } = c.get('principal');
        const body = c.req.valid('json');
        if (!/^usr_[0-9A-Za-z]{16}$/.test(body.userId) || !(await findUser(deps.db, appId, body.userId))) {
          throw new Problem(404, 'not-found', 'User not found', { detail: 'This application has no such user.', errors: [{ path: 'body.userId', message: 'Unknown user' }] });
        }
        if (body.purpose === 'extend') {
          // An extend session renews one of this user's own active consents, never another user's.
          const consent = await findConsent(deps.db, appId, body.consentId!);
          if (!consent || consent.userId !== body.userId) {
            throw new Problem(404, 'not-found', 'Consent not found', { detail: "This user has no such consent.", errors: [{ path: 'body.consentId', message: 'Not a consent of this user' }] });
          }
          if (consent.status !== 'active') throw new Problem(409, 'consent-not-active', 'Consent not active', { detail: `The consent is ${consent.status}; only an active consent can be extended.` });
        }
        const session = await createSession(deps.db, { appId, ...body }, deps.clock.now());
        const url = `${publicBase(c)}${HOSTED_PAGE[body.purpose]}?session=${encodeURIComponent(session.token)}`;
        const created: CreatedSession = { token: session.token, url, expiresAt: session.expiresAt };
        return c.json(created, 201, { 'cache-control': 'no-store' });
      },
    )
    .get(
      '/v1/session',
      describeRoute({
        summary: "The session's application, purpose and published config (for the widget)",
        tags: ['Sessions'],
        responses: { 200: { description: 'The session', schema: sessionInfoSchema } },
      }),
      sessionAuth(deps),
      async (c) => {
        const session = c.get('session');
        const config = await deps.configCache.get(session.appId);
        if (!config) throw notFound('Config', 'This application has no published config.');
        const { id, name, environment } = session.application;
        const head = JSON.stringify({
          application: { id, name, environment },
          user: { id: session.userId },
          purpose: session.purpose,
          consentId: session.consentId,
          state: session.state,
          expiresAt: session.expiresAt,
          configVersion: config.version,
        });
        // The cached published bytes are spliced in as they are: no parse or re-serialise per request.
        return c.body(`${head.slice(0, -1)},"config":${config.body}}`, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      },
    );
}
