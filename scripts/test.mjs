// `npm test`: every test — vitest (schema, service, end-to-end journeys), then web-test-runner (the
// widget in Chromium), then `npm audit --omit=dev` (scripts/audit.mjs: counted as one test, skipped when
// the registry does not answer) — and one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { auditProduction } from './audit.mjs';
import { ensureChromium } from './chromium.mjs';

const chromePath = ensureChromium();
const env = { ...process.env, CHROME_PATH: chromePath };
const reports = '.tmp/test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status ?? 1;
}

const started = Date.now();
const vitestStatus = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`]);
const wtrStatus = run('web-test-runner (Chromium)', process.execPath, ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs']);
console.log('\n▶ npm audit --omit=dev (high or critical fails)');
const audit = auditProduction();
console.log(audit.message);

function counts(file, read) {
  try {
    return read(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}
const vitest = counts(`${reports}/vitest.json`, (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }));
const wtr = counts(`${reports}/wtr.json`, (r) => r);
const passed = vitest.passed + wtr.passed + (audit.status === 'passed' ? 1 : 0);
const failed = vitest.failed + wtr.failed + (vitestStatus !== 0 && vitest.failed === 0 ? 1 : 0) + (wtrStatus !== 0 && wtr.failed === 0 ? 1 : 0) + (audit.status === 'failed' ? 1 : 0);
const skipped = vitest.skipped + wtr.skipped + (audit.status === 'skipped' ? 1 : 0);

console.log(`\nvitest: ${vitest.passed} passed, ${vitest.failed} failed · web-test-runner: ${wtr.passed} passed, ${wtr.failed} failed · npm audit: ${audit.status} · ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitestStatus === 0 && wtrStatus === 0 && audit.status !== 'failed' ? 0 : 1);
