import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { loggablePath } from '../logging/request-line.js';
import { Problem, type ProblemBody } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Writes a problem body with its media type (RFC 9457). */
export function problemResponse(c: Context, body: ProblemBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/** The one error path: every thrown error leaves as problem+json; internals are never leaked. */
export function onError(error: Error, c: Context): Response {
  if (error instanceof Problem) return problemResponse(c, error.body, error.headers);
  if (error instanceof HTTPException) {
    const status = error.status;
    const title = error.message || (status === 413 ? 'Request body too large' : 'Request failed');
    return problemResponse(c, { type: `/problems/http-${status}`, title, status });
  }
  console.error(JSON.stringify({ level: 'error', msg: 'unhandled error', path: loggablePath(c.req.path), error: String(error.stack ?? error) }));
  return problemResponse(c, { type: '/problems/internal', title: 'Internal server error', status: 500 });
}

/** 404 for any route the app does not have, in the same problem shape. */
export function onNotFound(c: Context): Response {
  return problemResponse(c, { type: '/problems/not-found', title: 'Not found', status: 404, detail: `No route for ${c.req.method} ${c.req.path}` });
}
