// `npm test`: every test — vitest (schema, service, end-to-end journeys; the service's suites a second
// time on PostgreSQL), then web-test-runner (the widget in Chromium), then `npm audit --omit=dev`
// (scripts/audit.mjs: counted as one test, skipped when the registry does not answer) — and one closing
// line with the totals.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { auditProduction } from './audit.mjs';
import { ensureChromium } from './chromium.mjs';
import { ensurePostgres, startPostgres } from './postgres.mjs';

const chromePath = ensureChromium();
const started = Date.now();
// A throwaway PostgreSQL server for the PostgreSQL pass, stopped and removed however the run ends: at
// exit, on Ctrl-C or a stop signal (its server runs detached and would outlive us), and, should this
// process be killed outright, by the next run (reapAbandoned).
const postgres = await startPostgres({ bin: ensurePostgres() });
process.on('exit', () => postgres.destroy());
let child;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    // The whole group: npx does not pass a signal on to vitest, nor vitest to its workers.
    try {
      if (child?.exitCode === null) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
    postgres.destroy();
    process.exit(code);
  });
}
console.log(`PostgreSQL for the tests: ${postgres.url} (${((Date.now() - started) / 1000).toFixed(1)} s to start)`);

const env = { ...process.env, CHROME_PATH: chromePath, TEST_POSTGRES_URL: postgres.url };
const reports = '.tmp/test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  // Not spawnSync: the signal handlers above must be able to run while a suite does.
  return new Promise((resolve) => {
    child = spawn(command, args, { stdio: 'inherit', env, detached: true });
    child.on('error', () => resolve(1));
    child.on('exit', (status) => resolve(status ?? 1));
  });
}

let vitestStatus;
try {
  vitestStatus = await run('vitest (the service suites on SQLite and on PostgreSQL)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`]);
} finally {
  postgres.destroy();
}
const wtrStatus = await run('web-test-runner (Chromium)', process.execPath, ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs']);
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
