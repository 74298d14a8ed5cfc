import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { describeRoute } from './describe.js';
import { openApiDocument } from './openapi-document.js';
import { PUBLIC_CORS_HEADERS, publicCors } from '../http/public-cors.js';

/** `GET /openapi.json`, generated from the finished app's own routes on first request. */
export function openApiRoutes(app: () => { routes: readonly { method: string; path: string; handler: unknown }[] }) {
  let body: string | undefined;
  return new Hono<AppEnv>().use('/openapi.json', publicCors()).get(
    '/openapi.json',
    describeRoute({ summary: 'This document (OpenAPI 3.1)', tags: ['Service'], responses: { 200: { description: 'The OpenAPI document', contentType: 'application/json' } } }),
    (c) => {
      body ??= JSON.stringify(openApiDocument(app().routes, { title: 'Consent UI service', version: '1' }));
      return c.body(body, 200, { ...PUBLIC_CORS_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' });
    },
  );
}
