// `npm start`: builds the bundles, then runs the consent service and the sandbox data holder side by side —
// two parties, two processes — until either stops. `--no-build` skips the build (tests, which build first).
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const entries = ['service/main.ts', 'data-holder/main.ts'];
// Own process groups: Ctrl-C reaches only this script, which passes it on once — a second SIGINT would
// stop a child before it has closed its database or listeners.
const children = entries.map((entry) => spawn(process.execPath, ['--import', 'tsx', entry], { stdio: 'inherit', detached: true }));

let exitCode;
let running = children.length;
let forceTimer;
const signalled = new Set();
const alive = (child) => child.exitCode === null && child.signalCode === null;

/** Stops the children still running, one signal each (their handlers run once); the first to exit gives the exit code. */
function stop(signal) {
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

for (const child of children) {
  child.on('exit', (code, signal) => {
    exitCode ??= code ?? 128 + (constants.signals[signal] ?? 0);
    running -= 1;
    if (running === 0) process.exit(exitCode);
    stop('SIGTERM');
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
