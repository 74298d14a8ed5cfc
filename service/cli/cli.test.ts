import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiKey } from '../../schema/index.js';
import { createApp } from '../app.js';
import { openDatabase } from '../db/database.js';
import { silentLogger } from '../logging/logger.js';
import { BUNDLE_DIR } from '../testing/test-app.js';
import { createTestDatabase, testDialect } from '../testing/test-database.js';

const dir = mkdtempSync(join(tmpdir(), 'consent-ui-cli-'));
// A SQLite file, or a PostgreSQL database in the PostgreSQL pass: the tools take either DATABASE_URL.
const database = await createTestDatabase(dir);
const DATABASE_URL = testDialect() === 'sqlite' ? `file:${database.url}` : database.url;
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A recipient's own identity, as every new application needs one. */
const IDENTITY = ['--brand-name', 'Budget Buddy', '--legal-name', 'Budget Buddy Pty Ltd', '--accreditation-number', 'ADRBNK000123', '--cdr-policy-url', 'https://budgetbuddy.example/cdr-policy'];

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
    const out = run('app-create', ['--name', 'CLI app', ...IDENTITY, '--origin', 'https://cli.example', '--origin', 'http://localhost:5173', '--json']);
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
    const out = run('app-create', ['--name', 'Live app', ...IDENTITY, '--environment', 'production']);
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
    const badOrigin = run('app-create', ['--name', 'X', ...IDENTITY, '--origin', 'http://partner.example/path']);
    expect(badOrigin.status).toBe(1);
    expect(badOrigin.stderr).toMatch(/origins\.0: .*https/);
  }, 30_000);

  it("puts the recipient's identity in the new draft and live config: never the demo's Acme Money", async () => {
    const config = await asPartner(created.apiKey, '/v1/config/draft', async (res) => ((await res.json()) as { config: { consent: Record<string, unknown> } }).config.consent);
    expect({ brandName: config.brandName, accreditation: config.accreditation, cdrPolicyUrl: config.cdrPolicyUrl }).toEqual({
      brandName: 'Budget Buddy',
      accreditation: { name: 'Budget Buddy Pty Ltd', number: 'ADRBNK000123' },
      cdrPolicyUrl: 'https://budgetbuddy.example/cdr-policy',
    });
    const live = await asPartner(created.apiKey, `/v1/apps/${created.id}/config`, async (res) => res.text());
    expect(live).toContain('Budget Buddy Pty Ltd');
    expect(live).not.toMatch(/Acme Money|ADRBNK000001/);
  });

  it('without a terminal names exactly the identity flags that are missing and exits 1', () => {
    const none = run('app-create', ['--name', 'No identity', '--json']);
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Missing --brand-name, --legal-name, --accreditation-number, --cdr-policy-url:');
    const some = run('app-create', ['--name', 'Half', '--brand-name', 'Half', '--cdr-policy-url', 'https://half.example/cdr']);
    expect(some.status).toBe(1);
    expect(some.stderr).toContain('Missing --legal-name, --accreditation-number:');
    expect(some.stderr).not.toContain('--brand-name,');
  }, 30_000);

  it("validates the identity with the config schema: each error names the config path and the flag", () => {
    const out = run('app-create', ['--name', 'Bad', '--brand-name', 'B', '--legal-name', 'B Pty Ltd', '--accreditation-number', 'adr 1', '--cdr-policy-url', 'http://b.example/policy']);
    expect(out.status).toBe(1);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toEqual([
      'error: consent.accreditation.number: Use the accreditation number as issued, e.g. ADRBNK000123 (--accreditation-number)',
      expect.stringMatching(/^error: consent\.cdrPolicyUrl: .*https.* \(--cdr-policy-url\)$/),
    ]);
  }, 30_000);

  it('on a terminal asks for each missing identity field and uses the answers', async () => {
    // `script` gives the command a pseudo-terminal, as a person running it would have; readline ends each
    // question with a cursor move, so a question is matched where it appears, not at the very end.
    const child = spawn('script', ['-qec', `${process.execPath} --import tsx service/cli/app-create.ts --name Asked --brand-name Asked --json`, '/dev/null'], { env: { ...process.env, DATABASE_URL } });
    let output = '';
    const answers: [RegExp, string][] = [
      [/Legal name of the accredited data recipient: /, 'Asked Pty Ltd'],
      [/Accreditation number, as issued \(e\.g\. ADRBNK000123\): /, 'ADRBNK000777'],
      [/CDR policy URL \(https:\/\/…\): /, 'https://asked.example/cdr-policy'],
    ];
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (answers[0]?.[0].test(output)) child.stdin.write(`${answers.shift()![1]}\n`);
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect([code, answers.length]).toEqual([0, 0]);
    const { apiKey } = JSON.parse(/\{"id".*\}/.exec(output)![0]) as { apiKey: string };
    const consent = await asPartner(apiKey, '/v1/config/draft', async (res) => ((await res.json()) as { config: { consent: { accreditation: unknown } } }).config.consent.accreditation);
    expect(consent).toEqual({ name: 'Asked Pty Ltd', number: 'ADRBNK000777' });
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
