import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Agent, fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

const started: ChildProcess[] = [];
const agents: Agent[] = [];

afterEach(async () => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'data-holder/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  /** Resolves with the printed lines once `pattern` has been printed. */
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout);
        if (match) resolve(match);
      };
      child.stdout!.on('data', check);
      void exited.then(() => reject(new Error(`exited before printing ${pattern}: ${stderr}`)));
      check();
    });
  return { child, exited, printed, output: () => ({ stdout, stderr }) };
}

describe('data-holder/main.ts', () => {
  it('serves discovery on the printed issuer, the resource API on the mTLS listener, and stops on SIGTERM', async () => {
    const holder = start({ DATA_HOLDER_PORT: '0', DATA_HOLDER_MTLS_PORT: '0' });
    const [, caFile] = await holder.printed(/Register CA:\s+(\S+)/);
    const issuer = /data holder:\s+(https:\/\/\S+)/.exec(holder.output().stdout)![1]!;
    const ca = readFileSync(caFile!, 'utf8');
    const agent = new Agent({ connect: { ca } });
    agents.push(agent);

    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`, { dispatcher: agent })).json()) as {
      issuer: string;
      mtls_endpoint_aliases: Record<string, string>;
    };
    expect(discovery.issuer).toBe(issuer);
    const mtlsOrigin = new URL(discovery.mtls_endpoint_aliases.token_endpoint!).origin;
    expect(mtlsOrigin).not.toBe(issuer);
    expect(holder.output().stdout).toContain(mtlsOrigin);

    // Without a client certificate or token: the CDS error body, so the resource API answers there.
    const accounts = await fetch(`${mtlsOrigin}/cds-au/v1/banking/accounts`, { dispatcher: agent, headers: { 'x-v': '2' } });
    expect(accounts.status).toBe(401);
    expect(await accounts.json()).toMatchObject({ errors: [{ code: expect.stringMatching(/^urn:au-cds:error:cds-all:/) }] });
    // Everything else on that listener is still oidc-provider's.
    expect((await fetch(`${mtlsOrigin}/.well-known/openid-configuration`, { dispatcher: agent })).status).toBe(200);

    const before = Date.now();
    holder.child.kill('SIGTERM');
    const [code] = await holder.exited;
    expect(code).toBe(0);
    expect(Date.now() - before).toBeLessThan(5_000);
    // The CA file was the process's own.
    expect(() => readFileSync(caFile!)).toThrow();
  });

  it('refuses a bad environment value with one line and exit code 1', async () => {
    const holder = start({ DATA_HOLDER_MTLS_PORT: '70000' });
    const [code] = await holder.exited;
    expect(code).toBe(1);
    const { stdout, stderr } = holder.output();
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^data holder: invalid environment: DATA_HOLDER_MTLS_PORT: /)]);
  });
});
