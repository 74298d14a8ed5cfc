import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The service as its own process (`node --import tsx service/main.ts`), for tests that must kill and
 * restart it. Resolves once it prints its URL.
 */
export async function startServiceProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; kill(signal?: NodeJS.Signals): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'service/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept only until the service is up: after that its request log is read and dropped (a long run
  // under load would otherwise hold all of it).
  let output = '';
  let started = false;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (started) return;
      output += chunk.toString();
      const match = /Consent UI service on (\S+)/.exec(output);
      if (match) {
        started = true;
        output = '';
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (!started) output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`service exited (${code}):\n${output}`)));
  });
  return {
    url,
    child,
    kill: (signal: NodeJS.Signals = 'SIGKILL') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** Runs a CLI of the service to completion and returns its stdout. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}`))));
  });
}
