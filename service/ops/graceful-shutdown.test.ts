import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY_SCOPES } from '../../schema/index.js';
import { createApiKey } from '../api-keys/api-keys.repository.js';
import { systemClock } from '../clock.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { seedDemoApp } from '../seed/demo-app.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../testing/test-database.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let dir: string;
let database: TestDatabase;
let child: ChildProcess | undefined;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shutdown-'));
  database = await createTestDatabase(dir);
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The test's database with the demo app and an API key for it, made before the service starts. */
async function prepareDatabase(url: string): Promise<string> {
  const db = openDatabase(url);
  try {
    await migrateToLatest(db);
    await seedDemoApp(db, systemClock);
    return (await createApiKey(db, { appId: 'demo', environment: 'sandbox', name: 'shutdown test', scopes: API_KEY_SCOPES, at: new Date().toISOString() })).key;
  } finally {
    await db.destroy();
  }
}

/** `node --import tsx service/main.ts`, as it runs in production but from source; resolves once it serves. */
async function startService(env: Record<string, string>) {
  const cdrFree = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CDR_')));
  child = spawn(process.execPath, ['--import', 'tsx', 'service/main.ts'], { cwd: ROOT, env: { ...cdrFree, HOST: '127.0.0.1', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await new Promise<void>((resolve, reject) => {
    const check = () => /editor link:\s+\S+/.test(stdout) && resolve();
    child!.stdout!.on('data', check);
    void exited.then(() => reject(new Error(`service exited:\n${stdout}\n${stderr}`)));
  });
  const url = /Consent UI service on (\S+)/.exec(stdout)![1]!;
  const editorLink = /editor link:\s+(\S+)/.exec(stdout)![1]!;
  return { url, port: Number(new URL(url).port), editorLink, exited, output: () => stdout + stderr };
}

/** A request whose body is sent in two parts: the caller decides when the second goes. */
function slowRequest(port: number, path: string, headers: Record<string, string>, body: string) {
  const bytes = Buffer.from(body);
  const req = request({ host: '127.0.0.1', port, path, method: 'PUT', headers: { ...headers, 'content-length': String(bytes.length) } });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  req.write(bytes.subarray(0, 10));
  return { answered, finish: () => req.end(bytes.subarray(10)) };
}

/** Whether a new TCP connection to `port` is accepted. */
const connects = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown of the real process on SIGTERM', () => {
  it('finishes the request in flight with 200, refuses new connections, ends preview streams with a reconnect, closes the database', async () => {
    const key = await prepareDatabase(database.url);
    const service = await startService({ DATABASE_URL: database.url, SHUTDOWN_TIMEOUT_MS: '10000' });
    const auth = { authorization: `Bearer ${key}` };

    const draft = await fetch(`${service.url}/v1/config/draft`, { headers: auth });
    const config = (await draft.json()) as { config: Record<string, unknown> };
    // A designer's open preview: spend the editor link the service printed, then follow its stream.
    const spent = await fetch(`${service.url}/editor`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ link: new URL(service.editorLink).searchParams.get('link')! }) });
    const cookie = spent.headers.get('set-cookie')!.split(';')[0]!;
    const stream = await fetch(`${service.url}/preview/demo/events`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const events = (async () => {
      let text = '';
      for await (const chunk of stream.body!) text += Buffer.from(chunk).toString();
      return text;
    })();

    const slow = slowRequest(service.port, '/v1/config/draft', { ...auth, 'content-type': 'application/json', 'if-match': draft.headers.get('etag')! }, JSON.stringify(config.config));
    await sleep(300);
    const signalled = performance.now();
    child!.kill('SIGTERM');
    await sleep(300);
    expect(await connects(service.port)).toBe(false);

    // The preview was told to come back in a second, and its stream ended.
    expect(await events).toMatch(/event: reconnect\ndata: \{\}\nretry: 1000\n\n$/);

    slow.finish();
    const answer = await slow.answered;
    expect(answer.status, answer.body).toBe(200);

    const [code] = await service.exited;
    expect(code).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(10_000);
    expect(service.output()).toMatch(/"msg":"stopped","clean":true/);
    // Closed cleanly (SQLite checkpointed its WAL into the file and removed it), and the save is there.
    if (testDialect() === 'sqlite') expect(existsSync(`${database.url}-wal`)).toBe(false);
    const db = openDatabase(database.url);
    try {
      expect((await db.selectFrom('config_drafts').select('revision').where('app_id', '=', 'demo').executeTakeFirstOrThrow()).revision).toBeGreaterThan(1);
    } finally {
      await db.destroy();
    }
  });

  it('cuts a request that is still unfinished at SHUTDOWN_TIMEOUT_MS, and exits', async () => {
    const key = await prepareDatabase(database.url);
    const service = await startService({ DATABASE_URL: database.url, SHUTDOWN_TIMEOUT_MS: '500' });
    const stuck = slowRequest(service.port, '/v1/config/draft', { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'if-match': '"x"' }, '{"never":"finished"}');
    await sleep(300);
    const signalled = performance.now();
    child!.kill('SIGTERM');
    await expect(stuck.answered).rejects.toThrow();
    const [code] = await service.exited;
    expect(code).toBe(0);
    const took = performance.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(3_000);
    expect(service.output()).toMatch(/shutdown deadline reached/);
  });
});
