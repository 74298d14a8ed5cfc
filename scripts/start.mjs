// `npm start`: builds the bundles unless dist/ holds a build of the current sources, then runs the sandbox
// data holder and the consent service side by side — two parties, two processes — until either stops.
// `--no-build` skips the check too (tests, which build first).
// The data holder starts first and writes the service's sandbox credentials (Register URIs, CA, a client
// certificate) to a fresh temporary file; the service starts once it exists, pointed at it by
// CDR_SANDBOX_FILE, so nothing needs configuring. A user who sets CDR_* variables chooses for themselves.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.argv.includes('--no-build')) {
  const { buildIfStale } = await import('../esbuild.config.mjs');
  try {
    console.log((await buildIfStale()) ? 'built dist/' : 'dist/ is current: not rebuilt');
  } catch (error) {
    console.error(`npm start: the build failed: ${error.message}`);
    process.exit(1);
  }
}

const CREDENTIALS_TIMEOUT_MS = 30_000;
const credentialsDir = mkdtempSync(join(tmpdir(), 'consent-ui-sandbox-'));
const credentialsFile = join(credentialsDir, 'recipient.json');
const userChoseCdr = Object.keys(process.env).some((name) => name.startsWith('CDR_'));

const children = [];
let exitCode;
let stopping = false;
let forceTimer;
const signalled = new Set();
const alive = (child) => child.exitCode === null && child.signalCode === null;

/** Runs an entry point in its own process group: Ctrl-C reaches only this script, which passes it on once —
 * a second SIGINT would stop a child before it has closed its database or listeners. */
function start(entry, env) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code, signal) => {
    exitCode ??= code ?? 128 + (constants.signals[signal] ?? 0);
    if (children.some(alive)) return stop('SIGTERM');
    rmSync(credentialsDir, { recursive: true, force: true });
    process.exit(exitCode);
  });
}

/** Stops the children still running, one signal each (their handlers run once); the first to exit gives the exit code. */
function stop(signal) {
  stopping = true;
  for (const child of children) {
    if (alive(child) && !signalled.has(child)) {
      signalled.add(child);
      child.kill(signal);
    }
  }
  // A child that does not close within 10 s is not left behind.
  forceTimer ??= setTimeout(() => {
    for (const child of children) if (alive(child)) child.kill('SIGKILL');
  }, 10_000).unref();
}

start('data-holder/main.ts', { DATA_HOLDER_RECIPIENT_FILE: credentialsFile });

// The data holder writes the file whole (a rename), so once it exists it can be read.
const deadline = Date.now() + CREDENTIALS_TIMEOUT_MS;
const waiting = setInterval(() => {
  if (stopping) return clearInterval(waiting);
  if (existsSync(credentialsFile)) {
    clearInterval(waiting);
    return start('service/main.ts', userChoseCdr ? {} : { CDR_SANDBOX_FILE: credentialsFile });
  }
  if (Date.now() > deadline) {
    clearInterval(waiting);
    console.error(`npm start: the data holder did not write its sandbox credentials (${credentialsFile}) within ${CREDENTIALS_TIMEOUT_MS / 1000} s; stopping it.`);
    exitCode ??= 1;
    stop('SIGTERM');
  }
}, 50);

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
