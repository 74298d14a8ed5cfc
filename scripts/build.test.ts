import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../esbuild.config.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const scratch = join('.tmp', `build-test-${process.pid}`);
afterAll(() => rmSync(join(ROOT, scratch), { recursive: true, force: true }));

describe('npm run build', () => {
  it('is skipped while its inputs are unchanged (npm start), and runs again when one changes or an output is gone', async () => {
    mkdirSync(join(ROOT, scratch), { recursive: true });
    const outdir = join(scratch, 'dist');
    const input = join(scratch, 'input.txt');
    writeFileSync(join(ROOT, input), 'one');
    const inputs = ['widget', 'service', input];
    expect(await buildIfStale({ outdir, inputs })).toBe(true);
    const built = statSync(join(ROOT, outdir, 'widget.js')).mtimeMs;

    expect(await buildIfStale({ outdir, inputs })).toBe(false);
    expect(statSync(join(ROOT, outdir, 'widget.js')).mtimeMs).toBe(built);

    writeFileSync(join(ROOT, input), 'two');
    expect(await buildIfStale({ outdir, inputs })).toBe(true);
    rmSync(join(ROOT, outdir, 'server', 'service.js'));
    expect(await buildIfStale({ outdir, inputs })).toBe(true);
    expect(statSync(join(ROOT, outdir, 'server', 'service.js')).isFile()).toBe(true);
  });

  it('emits a server that plain node runs, without the TypeScript loader, answering /healthz', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'built-server-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CDR_') && name !== 'NODE_OPTIONS'));
    // dist/ is current: the test run's global setup built it.
    const child = spawn(process.execPath, ['dist/server/service.js'], { cwd: ROOT, env: { ...env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: join(dir, 'consent.db') }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Consent UI service on (\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
      });
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/widget.js`)).status).toBe(200);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
