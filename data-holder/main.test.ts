import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

const started: ChildProcess[] = [];
const agents: Agent[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
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
  it('serves discovery on the printed issuer, the resource API on the mTLS listener, writes the service\'s credentials, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'data-holder-test-'));
    dirs.push(dir);
    const credentialsFile = join(dir, 'recipient.json');
    const holder = start({ DATA_HOLDER_PORT: '0', DATA_HOLDER_MTLS_PORT: '0', DATA_HOLDER_RECIPIENT_FILE: credentialsFile });
    const [, caFile] = await holder.printed(/Register CA:\s+(\S+)/);
    await holder.printed(/credentials:\s+\S+/);
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

    // The consent service's sandbox credentials: owner-only, for software product consent-ui-sandbox.
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Record<string, unknown> & { clientCertificate: { cert: string; key: string } };
    expect(credentials).toEqual({
      registerUri: `${issuer}/cdr-register`, registerMtlsUri: `${mtlsOrigin}/cdr-register`, caCert: ca, softwareProductId: 'consent-ui-sandbox', brandId: 'consent-ui-sandbox-brand',
      clientCertificate: { cert: expect.stringContaining('BEGIN CERTIFICATE'), key: expect.stringContaining('BEGIN PRIVATE KEY') },
    });
    expect(new X509Certificate(credentials.clientCertificate.cert).subject).toContain('CN=consent-ui-sandbox');
    const summary = await fetch(`${credentials.registerUri}/v1/banking/data-holders/brands/summary`, { dispatcher: agent, headers: { 'x-v': '1' } });
    expect(summary.status).toBe(200);
    const mtls = new Agent({ connect: { ca, ...credentials.clientCertificate } });
    agents.push(mtls);
    expect((await fetch(`${credentials.registerMtlsUri}/v1/banking/data-holders/brands`, { dispatcher: mtls, headers: { 'x-v': '2' } })).status).toBe(200);

    const before = Date.now();
    holder.child.kill('SIGTERM');
    const [code] = await holder.exited;
    expect(code).toBe(0);
    expect(Date.now() - before).toBeLessThan(5_000);
    // The CA and credentials files were the process's own.
    expect(() => readFileSync(caFile!)).toThrow();
    expect(() => readFileSync(credentialsFile)).toThrow();
  });

  it('refuses a bad environment value with one line and exit code 1', async () => {
    const holder = start({ DATA_HOLDER_MTLS_PORT: '70000' });
    const [code] = await holder.exited;
    expect(code).toBe(1);
    const { stdout, stderr } = holder.output();
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^data holder: invalid environment: DATA_HOLDER_MTLS_PORT: /)]);
  });

  it('refuses a credentials file in a directory that does not exist', async () => {
    const holder = start({ DATA_HOLDER_RECIPIENT_FILE: join(tmpdir(), 'no-such-dir-for-data-holder', 'recipient.json') });
    expect((await holder.exited)[0]).toBe(1);
    expect(holder.output().stderr).toMatch(/^data holder: invalid environment: DATA_HOLDER_RECIPIENT_FILE: its directory must exist/);
  });
});
