import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiKey } from '../../schema/index.js';
import { createApp } from '../app.js';
import { openDatabase } from '../db/database.js';
import { silentLogger } from '../logging/logger.js';
import { BUNDLE_DIR } from '../testing/test-app.js';

const dir = mkdtempSync(join(tmpdir(), 'consent-ui-cli-'));
const DATABASE_URL = `file:${join(dir, 'cli.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(script: 'app-create' | 'app-keys', args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `service/cli/${script}.ts`, ...args], { env: { ...process.env, DATABASE_URL }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function asPartner<T>(key: string, path: string, check: (res: Response) => Promise<T>): Promise<T> {
  const db = openDatabase(DATABASE_URL);
  try {
    const { app } = createApp({ db, bundleDir: BUNDLE_DIR, log: silentLogger });
    return await check(await app.request(path, { headers: { authorization: `Bearer ${key}` } }));
  } finally {
    await db.destroy();
  }
}

describe('npm run app:create', () => {
  let created: { id: string; apiKey: string };

  it('--json prints one line {id, apiKey}, and the key works against the service on that database', async () => {
    const out = run('app-create', ['--name', 'CLI app', '--origin', 'https://cli.example', '--origin', 'http://localhost:5173', '--json']);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    created = JSON.parse(lines[0]!) as { id: string; apiKey: string };
    expect(created).toEqual({ id: expect.stringMatching(/^app_[0-9a-z]{12}$/), apiKey: expect.stringMatching(/^cui_test_/) });
    const draft = await asPartner(created.apiKey, '/v1/config/draft', async (res) => ({ status: res.status }));
    expect(draft.status).toBe(200);
  }, 30_000);

  it('prints the id and the key, once, in plain output; production keys are cui_live_', () => {
    const out = run('app-create', ['--name', 'Live app', '--environment', 'production']);
    expect(out.status).toBe(0);
    const keys = out.stdout.match(/cui_live_[0-9A-Za-z]{40}/g);
    expect(keys).toHaveLength(1);
    expect(out.stdout).toMatch(/id: +app_/);
    expect(out.stdout).toContain('shown once');
  }, 30_000);

  it('refuses a missing name or a bad origin with a readable error and exit code 1', () => {
    const noName = run('app-create', []);
    expect(noName.status).toBe(1);
    expect(noName.stderr).toContain('Missing --name');
    const badOrigin = run('app-create', ['--name', 'X', '--origin', 'http://partner.example/path']);
    expect(badOrigin.status).toBe(1);
    expect(badOrigin.stderr).toMatch(/origins\.0: .*https/);
  }, 30_000);

  it('app:keys lists, creates and revokes keys of an application', async () => {
    const list = run('app-keys', ['list', '--app', created.id, '--json']);
    expect(list.status).toBe(0);
    expect((JSON.parse(list.stdout) as ApiKey[]).map((k) => k.name)).toEqual(['Default key']);
    const made = run('app-keys', ['create', '--app', created.id, '--name', 'Reader', '--scope', 'config:read', '--json']);
    const key = JSON.parse(made.stdout) as ApiKey & { key: string };
    expect(key.scopes).toEqual(['config:read']);
    expect(await asPartner(key.key, '/v1/users', async (res) => res.status)).toBe(403);
    expect(run('app-keys', ['revoke', '--app', created.id, '--key', key.id]).status).toBe(0);
    expect(await asPartner(key.key, '/v1/config/draft', async (res) => res.status)).toBe(401);
    const bad = run('app-keys', ['create', '--app', created.id, '--name', 'Bad', '--scope', 'root']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Use one of');
  }, 60_000);
});
