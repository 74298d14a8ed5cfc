import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { databaseCondition, type DatabaseCondition } from '../db/database-errors.js';
import { isUnstorableText } from '../db/dialect.js';
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

/**
 * Database conditions that pass without anyone's doing (a lock held past the wait, a database server
 * restarting) or need an operator (a full disk, a server that stays away): 503 with Retry-After (RFC 9110 §10.2.3), so clients and proxies retry instead of
 * reporting a fault of the service.
 */
const UNAVAILABLE: Record<DatabaseCondition, { body: ProblemBody; retryAfter: string }> = {
  busy: { body: { type: '/problems/database-busy', title: 'Service busy', status: 503, detail: 'The database is busy with other writes; try again shortly.' }, retryAfter: '2' },
  full: { body: { type: '/problems/storage-full', title: 'Storage full', status: 503, detail: 'The service cannot store anything more at the moment; try again later.' }, retryAfter: '60' },
  // The database server is away (restarting, failing over, unreachable): the pool connects again by itself.
  unavailable: { body: { type: '/problems/database-unavailable', title: 'Service unavailable', status: 503, detail: 'The service cannot reach its database at the moment; try again shortly.' }, retryAfter: '5' },
};

/** The one error path: every thrown error leaves as problem+json; internals are never leaked. */
export function onError(error: Error, c: Context): Response {
  if (error instanceof Problem) return problemResponse(c, error.body, error.headers);
  // Text PostgreSQL cannot store (U+0000) is the sender's mistake, not the service's fault.
  if (isUnstorableText(error)) return problemResponse(c, { type: '/problems/invalid-text', title: 'Invalid text', status: 400, detail: 'Text may not contain the NUL character (U+0000).' });
  const condition = databaseCondition(error);
  if (condition) {
    console.error(JSON.stringify({ level: condition === 'busy' ? 'warn' : 'error', msg: `database ${condition}`, path: loggablePath(c.req.path), error: String(error) }));
    return problemResponse(c, UNAVAILABLE[condition].body, { 'retry-after': UNAVAILABLE[condition].retryAfter });
  }
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
