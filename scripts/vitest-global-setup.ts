import { build } from '../esbuild.config.mjs';

/** Service tests serve the real bundles, so build them once before any test runs. */
export default async function setup() {
  await build();
}
