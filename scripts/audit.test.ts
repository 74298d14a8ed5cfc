import { describe, expect, it } from 'vitest';
import { judgeAudit } from './audit.mjs';

// How `npm test` reads `npm audit --omit=dev --json` (scripts/audit.mjs); shapes as npm 10–11 print them.
const report = (vulnerabilities: Record<string, { name: string; severity: string; fixAvailable: boolean }>) => {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 } as Record<string, number>;
  for (const v of Object.values(vulnerabilities)) (counts[v.severity]! += 1), (counts.total! += 1);
  return JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: counts, dependencies: { prod: 120, total: 120 } } });
};

describe('judgeAudit', () => {
  it('passes a clean report, and one with only low or moderate advisories', () => {
    expect(judgeAudit(report({}))).toEqual({ status: 'passed', message: 'npm audit --omit=dev: no advisories' });
    expect(judgeAudit(report({ qs: { name: 'qs', severity: 'moderate', fixAvailable: true } }))).toMatchObject({ status: 'passed', message: 'npm audit --omit=dev: 1 moderate' });
  });

  it('fails on a high or critical advisory, naming the package', () => {
    const verdict = judgeAudit(report({ hono: { name: 'hono', severity: 'high', fixAvailable: true }, jose: { name: 'jose', severity: 'low', fixAvailable: false } }));
    expect(verdict.status).toBe('failed');
    expect(verdict.message).toContain('hono (high, fix available)');
    expect(verdict.message).not.toContain('jose (');
    expect(judgeAudit(report({ undici: { name: 'undici', severity: 'critical', fixAvailable: false } })).status).toBe('failed');
  });

  it('skips, saying why, when the registry does not answer the audit', () => {
    const refused = JSON.stringify({ message: 'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9', error: { summary: '', detail: '' } });
    expect(judgeAudit(refused)).toMatchObject({ status: 'skipped', message: expect.stringContaining('ECONNREFUSED') });
    const unknownHost = JSON.stringify({ message: 'request to http://registry.invalid/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.invalid', error: { summary: '', detail: '' } });
    expect(judgeAudit(unknownHost).status).toBe('skipped');
    const noAuditEndpoint = JSON.stringify({ message: '405 Method Not Allowed - POST http://mirror.invalid/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } });
    expect(judgeAudit(noAuditEndpoint)).toMatchObject({ status: 'skipped', message: expect.stringContaining('405') });
    expect(judgeAudit('', true).status).toBe('skipped');
  });

  it('fails when npm printed neither a report nor a network failure (a missing lockfile, garbage)', () => {
    expect(judgeAudit(JSON.stringify({ error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.', detail: '' } }))).toMatchObject({ status: 'failed', message: expect.stringContaining('lockfile') });
    expect(judgeAudit('not json').status).toBe('failed');
  });
});
