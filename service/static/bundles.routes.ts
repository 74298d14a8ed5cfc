import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { etagMatches } from '../configs/public-config.routes.js';
import { Problem } from '../errors/problem.js';
import { describeRoute } from '../openapi/describe.js';
import { PUBLIC_CORS_HEADERS, publicCors } from '../http/public-cors.js';

/** The files esbuild writes to the bundle folder that the service serves. */
export const BUNDLES = ['widget.js', 'widget.js.map', 'widget.iife.js', 'widget.iife.js.map', 'widget.zh-CN.js', 'widget.zh-CN.js.map', 'widget.live.js', 'widget.live.js.map', 'widget.manager.js', 'widget.manager.js.map', 'widget.floating.js', 'widget.floating.js.map', 'widget.modal.js', 'widget.modal.js.map', 'editor.js', 'editor.js.map'] as const;

interface Asset {
  readonly body: Uint8Array;
  readonly etag: string;
  readonly type: string;
}

/**
 * `GET /widget.js`, `GET /widget.iife.js` (and their source maps): read once from `bundleDir`, then
 * served from memory with a strong ETag. Any origin may load them: they hold nothing secret.
 */
export function bundleRoutes(bundleDir: string) {
  const assets = new Map<string, Promise<Asset>>();
  const load = (name: string) => {
    let asset = assets.get(name);
    if (!asset) {
      asset = readFile(join(bundleDir, name)).then((body) => ({
        body,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
        type: name.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8',
      }));
      // A missing build is not cached, so `npm run build` while the service runs is picked up.
      asset.catch(() => assets.delete(name));
      assets.set(name, asset);
    }
    return asset;
  };

  const app = new Hono();
  // One plain path per file, not a regex pattern: a pattern with a group forces Hono off its
  // RegExpRouter onto the much slower TrieRouter for the whole app (scripts/bench-config.mjs).
  for (const name of BUNDLES) if (name.startsWith('widget')) app.use(`/${name}`, publicCors());
  for (const name of BUNDLES) {
    const map = name.endsWith('.map');
    const doc = describeRoute({
      summary: map ? `Source map of ${name.slice(0, -4)}` : `The widget bundle (${name.includes('iife') ? 'IIFE, for pages without modules' : 'ES module'})`,
      tags: ['Widget'],
      responses: { 200: { description: 'The file', contentType: map ? 'application/json' : 'text/javascript' }, 304: { description: 'Not modified' }, 503: { description: 'Not built yet' } },
    });
    app.get(`/${name}`, doc, async (c) => {
      const asset = await load(name).catch(() => {
        throw new Problem(503, 'bundle-missing', 'Widget bundle not built', { detail: `Run "npm run build" to create ${name}.` });
      });
      const headers = {
        ...(name.startsWith('widget') ? PUBLIC_CORS_HEADERS : {}),
        etag: asset.etag,
        // Not content-hashed URLs, so revalidate often; the ETag makes that a cheap 304.
        'cache-control': 'public, max-age=300, stale-while-revalidate=86400',
        'cross-origin-resource-policy': 'cross-origin',
      };
      if (etagMatches(c.req.header('if-none-match'), asset.etag)) return c.body(null, 304, headers);
      return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-type': asset.type });
    });
  }
  return app;
}
