import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One field-level problem: a JSON path into the request and what is wrong there. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldProblem[];
  readonly [extension: string]: unknown;
}

/**
 * An RFC 9457 problem. Thrown anywhere in a handler; the app's one onError turns it into an
 * `application/problem+json` response. `type` is a relative URI under /problems/ naming the kind.
 */
export class Problem extends Error {
  readonly body: ProblemBody;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: ContentfulStatusCode,
    kind: string,
    title: string,
    options: { detail?: string; errors?: readonly FieldProblem[]; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
  ) {
    super(options.detail ?? title);
    this.name = 'Problem';
    this.headers = options.headers ?? {};
    this.body = {
      type: `/problems/${kind}`,
      title,
      status,
      ...(options.detail === undefined ? {} : { detail: options.detail }),
      ...(options.errors === undefined ? {} : { errors: options.errors }),
      ...options.extensions,
    };
  }
}

export const notFound = (what: string, detail?: string) => new Problem(404, 'not-found', `${what} not found`, detail === undefined ? {} : { detail });

export const validationFailed = (errors: readonly FieldProblem[], detail = 'The request has invalid fields; see errors[].') =>
  new Problem(400, 'validation-failed', 'Invalid request', { detail, errors });
