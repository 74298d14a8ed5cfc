import type { MiddlewareHandler } from 'hono';
import type { ApiKeyScope } from '../../schema/index.js';
import type { ServiceDeps } from '../deps.js';
import type { AppEnv } from '../http/app-env.js';
import type { JobRunner } from './job-runner.js';

/** What the consent lifecycle's routes need beyond the common deps: the auth gates and the job runner. */
export interface LifecycleDeps extends ServiceDeps {
  readonly jobs: JobRunner;
  readonly requireKey: (scope: ApiKeyScope) => MiddlewareHandler<AppEnv>;
  readonly requireSession: MiddlewareHandler<AppEnv>;
}
