import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { formatPath } from '../../schema/index.js';
import { validationFailed } from './problem.js';

/**
 * zValidator wrapped once (as its README suggests) so every validation failure is the same
 * problem+json body, with each issue's path prefixed by where it came from (`body.`, `query.`, …).
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const prefix = target === 'json' ? 'body' : target;
      throw validationFailed(
        result.error.issues.map((issue) => ({
          path: formatPath([prefix, ...issue.path]),
          message: issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message,
        })),
      );
    }
  });
