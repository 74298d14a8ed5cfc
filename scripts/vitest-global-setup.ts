import { buildIfStale } from '../esbuild.config.mjs';

/** Service tests serve the real bundles (and one starts the built server): build them unless they are current. */
export default async function setup() {
  await buildIfStale();
}
