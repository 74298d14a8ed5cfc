import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import type { core, ZodType } from 'zod';
import { formatPath } from '../../schema/index.js';
import { readJsonBody } from '../http/json-body.js';
import { withDoc } from '../openapi/describe.js';
import { Problem, validationFailed } from './problem.js';

/**
 * Synchronous parse: no schema here has async refinements, and safeParseAsync's promise per check is a
 * measurable share of a cached GET (scripts/bench-config.mjs). Typed loosely because zod-validator's
 * option type is a conditional over v3/v4 schemas that a generic schema cannot resolve.
 */
const syncParse: { validationFunction: (schema: any, value: unknown) => any } = {
  validationFunction: (schema: ZodType, value: unknown) => schema.safeParse(value),
};

/**
 * zValidator wrapped once (as its README suggests) so every validation failure is the same
 * problem+json body, with each issue's path prefixed by where it came from (`body.`, `query.`, …).
 * JSON bodies are read by readJsonBody, not by Hono's validator: Hono reads a content type it does
 * not recognise as `{}`, and a second, slightly different media-type check in front of it let such
 * bodies through as a config of all defaults. The schema also documents the route in /openapi.json.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
  options: {
    /** Headers for the 400 answer (e.g. public CORS, so any page can read why). */
    problemHeaders?: Readonly<Record<string, string>>;
    /** JSON only: a request without a body reads as `{}` (all fields optional). */
    optionalBody?: boolean;
  } = {},
) => {
  const fail = (issues: readonly core.$ZodIssue[]) => {
    const prefix = target === 'json' ? 'body' : target;
    const problem = validationFailed(
      issues.map((issue) => ({
        path: formatPath([prefix, ...issue.path]),
        message: issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message,
      })),
    );
    Object.assign(problem.headers, options.problemHeaders);
    return problem;
  };
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw fail(result.error.issues);
  }, syncParse);
  const doc = { kind: 'request', target, schema, ...(options.optionalBody ? { optional: true } : {}) } as const;
  if (target !== 'json') return withDoc(validator, doc);

  const json: MiddlewareHandler = async (c, next) => {
    let body: unknown;
    try {
      body = await readJsonBody(c, { optional: options.optionalBody ?? false });
    } catch (error) {
      if (error instanceof Problem) Object.assign(error.headers, options.problemHeaders);
      throw error;
    }
    const result = schema.safeParse(body);
    if (!result.success) throw fail(result.error.issues);
    c.req.addValidatedData('json', result.data as object);
    await next();
  };
  // The same middleware type as zValidator's, so `c.req.valid('json')` is typed by the schema.
  return withDoc(json as unknown as typeof validator, doc);
};
