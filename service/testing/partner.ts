import type { ApiKeyScope } from '../../schema/index.js';
import { createApplication, type NewApplication } from '../apps/create-application.js';
import type { createTestApp } from './test-app.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export interface CallOptions {
  readonly method?: string;
  /** Sent as JSON (with its content type) unless a string. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Overrides the partner's own key (`null`: no Authorization header). */
  readonly key?: string | null;
}

/** Sends a request as a partner would: JSON body, `Authorization: Bearer <key>`. */
export function callWith(t: TestApp, defaultKey: string | null) {
  return (path: string, options: CallOptions = {}) => {
    const key = options.key === undefined ? defaultKey : options.key;
    const headers: Record<string, string> = {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(options.body !== undefined && typeof options.body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    };
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    return t.app.request(path, { method: options.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) });
  };
}

/** A new application with a key (every scope unless given), and a `call` that uses that key. */
export async function addPartner(t: TestApp, app: Partial<NewApplication> = {}, scopes?: readonly ApiKeyScope[]) {
  const { application, apiKey } = await createApplication(t.db, t.clock, { name: 'Partner', ...app }, scopes);
  return { appId: application.id, key: apiKey.key, keyId: apiKey.id, application, call: callWith(t, apiKey.key) };
}

/** The problem+json body of a response, asserting its media type. */
export async function problemOf(res: Response) {
  if (res.headers.get('content-type') !== 'application/problem+json') throw new Error(`Expected problem+json, got ${res.status} ${res.headers.get('content-type')}`);
  return (await res.json()) as { type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] };
}
