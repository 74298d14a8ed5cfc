// `npm run bench`: runs every scripts/bench-*.mjs in turn (each prints its own figures). Speed targets
// live here, never in timed tests: each bench compares against a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const benches = readdirSync(new URL('.', import.meta.url))
  .filter((name) => /^bench-.+\.mjs$/.test(name) && (!only || name.includes(only)))
  .sort();
let failed = 0;
for (const name of benches) {
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${name}`], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
