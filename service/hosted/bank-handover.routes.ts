import { Hono } from 'hono';
import { z } from 'zod';
import { bankHandover } from '../consents/bank-handover.js';
import type { LifecycleDeps } from '../consents/lifecycle-deps.js';
import { Problem } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import { describeRoute } from '../openapi/describe.js';
import { STRICT_CSP } from '../demo/demo.routes.js';
import { noticePage } from './hosted-pages.js';

/** `GET /connect/authorise/{id}`: the address the journey sends the browser to for the bank (service/consents/bank-handover.ts). */
export function bankHandoverRoutes(deps: LifecycleDeps) {
  const app = new Hono();
  app.get(
    '/connect/authorise/:id',
    describeRoute({
      summary: 'On to the bank: the pushed request’s authorisation URL (pushed again on a later visit, as the bank honours it once)',
      tags: ['Hosted pages'],
      responses: { 303: { description: 'To the data holder’s authorisation page' }, 404: { description: 'No such request', contentType: 'text/html' }, 409: { description: 'The request has finished', contentType: 'text/html' } },
    }),
    validate('param', z.strictObject({ id: z.string().min(1).max(64) })),
    async (c) => {
      c.header('content-security-policy', STRICT_CSP);
      c.header('referrer-policy', 'no-referrer');
      c.header('cache-control', 'no-store');
      try {
        return c.redirect(await bankHandover(deps, c.req.valid('param').id), 303);
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        return c.html(noticePage(error.body.title, error.body.detail ?? 'Go back to the app you came from.'), error.status as 404 | 409 | 502 | 503);
      }
    },
  );
  return app;
}
