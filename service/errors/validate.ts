import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { formatPath } from '../../schema/index.js';
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

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/**
 * zValidator wrapped once (as its README suggests) so every validation failure is the same
 * problem+json body, with each issue's path prefixed by where it came from (`body.`, `query.`, …).
 * A JSON body must say so: Hono reads any other content type as `{}`, which would pass a schema of
 * optional fields (and a config of all defaults) instead of failing. The schema also documents the
 * route in /openapi.json.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
  /** Headers for the 400 answer (e.g. public CORS, so any page can read why). */
  options: { problemHeaders?: Readonly<Record<string, string>> } = {},
) => {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) {
      const prefix = target === 'json' ? 'body' : target;
      const problem = validationFailed(
        result.error.issues.map((issue) => ({
          path: formatPath([prefix, ...issue.path]),
          message: issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message,
        })),
      );
      Object.assign(problem.headers, options.problemHeaders);
      throw problem;
    }
  }, syncParse);
  const checked: typeof validator =
    target === 'json'
      ? async (c, next) => {
          if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
            throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', { detail: 'Send the body as JSON with "Content-Type: application/json".' });
          }
          return validator(c, next);
        }
      : validator;
  return withDoc(checked, { kind: 'request', target, schema });
};
