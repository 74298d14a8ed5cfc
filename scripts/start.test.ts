import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

let dir: string | undefined;
let start: ChildProcess | undefined;

afterEach(async () => {
  // SIGTERM first: the script passes it on, so no child of its is left behind.
  if (start && start.exitCode === null && start.signalCode === null) {
    const exited = once(start, 'exit');
    start.kill('SIGTERM');
    const timer = setTimeout(() => start?.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  start = dir = undefined;
});

/** `npm start` without the build: the test run has built the bundles already, and others are reading them. */
function runStart(env: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), 'start-test-'));
  start = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    env: { ...process.env, PORT: '0', DATABASE_URL: join(dir, 'consent.db'), DATA_HOLDER_PORT: '0', DATA_HOLDER_MTLS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  start.stdout!.on('data', (chunk) => (stdout += chunk));
  start.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = once(start, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const printed = (...patterns: RegExp[]) =>
    new Promise<string>((resolve, reject) => {
      const check = () => patterns.every((p) => p.test(stdout)) && resolve(stdout);
      start!.stdout!.on('data', check);
      void exited.then(() => reject(new Error(`exited before printing: ${stdout}\n${stderr}`)));
      check();
    });
  return { child: start, exited, printed, stderr: () => stderr };
}

describe('scripts/start.mjs', () => {
  it('runs the data holder, then the service with the sandbox credentials it wrote; SIGTERM stops both', async () => {
    const run = runStart({});
    // The service reads the institutions from the data holder's Register through those credentials.
    const stdout = await run.printed(/Consent UI service on http:\/\/\S+/, /data holder:\s+https:\/\/\S+/, /Register CA:/, /credentials:\s+\S+/, /institutions read from the Register","brands":47/);
    const credentialsFile = /credentials:\s+(\S+)/.exec(stdout)![1]!;
    expect(JSON.parse(readFileSync(credentialsFile, 'utf8'))).toMatchObject({ softwareProductId: 'consent-ui-sandbox', registerUri: expect.stringMatching(/^https:/) });
    // The data holder was ready first: its lines come before the service's.
    expect(stdout.indexOf('data holder:')).toBeLessThan(stdout.indexOf('Consent UI service on'));
    const service = /Consent UI service on (\S+)/.exec(stdout)![1]!;
    const holder = /data holder:\s+(\S+)/.exec(stdout)![1]!;
    expect((await fetch(`${service}/healthz`)).status).toBe(200);
    const agent = new Agent({ connect: { rejectUnauthorized: false } });
    try {
      expect((await fetch(`${holder}/.well-known/openid-configuration`, { dispatcher: agent })).status).toBe(200);

      run.child.kill('SIGTERM');
      expect((await run.exited)[0]).toBe(0);
      // Both have closed their listeners.
      await expect(fetch(`${service}/healthz`)).rejects.toThrow();
      await expect(fetch(`${holder}/.well-known/openid-configuration`, { dispatcher: agent })).rejects.toThrow();
      // The credentials and their temporary directory are gone with them.
      expect(existsSync(dirname(credentialsFile))).toBe(false);
    } finally {
      await agent.close();
    }
  });

  it('exits with the code of the first to exit, stopping the other', async () => {
    const run = runStart({ DATA_HOLDER_PORT: 'not-a-port' });
    expect((await run.exited)[0]).toBe(1);
    expect(run.stderr()).toContain('data holder: invalid environment: DATA_HOLDER_PORT');
    // The service was never started: it waits for the data holder's credentials.
    expect(run.stderr()).not.toMatch(/service/i);
  });
});
