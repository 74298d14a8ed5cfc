import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession, User } from '../../schema/index.js';
import { authoriseAtBank, grant } from '../testing/connect-flow.js';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { batchedStdout, jsonLogger, memoryLogger } from './logger.js';
import { loggablePath } from './request-line.js';

const log = memoryLogger();
let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp({ log });
});
afterAll(() => t.close());

describe('request logging', () => {
  it('logs one structured line per request, with the application but never a key or token', async () => {
    const p = await addPartner(t, { name: 'Logged' });
    const user = (await (await p.call('/v1/users', { method: 'POST', body: { reference: 'log-me' } })).json()) as User;
    const session = (await (await p.call('/v1/sessions', { method: 'POST', body: { userId: user.id, purpose: 'connect' } })).json()) as CreatedSession;
    await t.app.request('/v1/session', { headers: { authorization: `Bearer ${session.token}` } });
    await t.app.request(`/connect?session=${session.token}`);
    await p.call('/v1/users', { key: `${p.key}-wrong` });

    const lines = log.entries.filter((e) => e.msg === 'request');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines[0]).toMatchObject({ level: 'info', method: 'POST', path: '/v1/users', status: 201, appId: p.appId, keyId: p.keyId, requestId: expect.any(String) });
    expect(lines.find((e) => e.path === '/v1/session')).toMatchObject({ status: 200, appId: p.appId, sessionId: expect.stringMatching(/^ses_/) });
    expect(lines.find((e) => String(e.path).startsWith('/connect'))!.path).toBe('/connect');
    expect(lines.at(-1)).toMatchObject({ status: 401 });
    const all = JSON.stringify(log.entries);
    expect(all).not.toContain(p.key.slice(9, 30));
    expect(all).not.toContain(session.token.slice(4, 30));
  });

  it('redacts capability URLs: the receipt id, the bank hand-over id, the bank’s answer at the callback, and never logs a hosted page’s session query', async () => {
    const p = await addPartner(t, { name: 'Capabilities' });
    const flow = await authoriseAtBank(t, p);
    const answer = flow.redirect!.searchParams.get('response')!;
    const { receiptUrl } = (await (await grant(t, flow)).json()) as { receiptUrl: string };
    const receiptPath = new URL(receiptUrl).pathname;
    const receiptId = receiptPath.split('/').at(-1)!;
    expect((await t.app.request(receiptPath)).status).toBe(200);
    const manage = (await (await p.call('/v1/sessions', { method: 'POST', body: { userId: flow.userId, purpose: 'manage' } })).json()) as CreatedSession;
    await t.app.request(`/manage?session=${manage.token}`);

    const paths = log.entries.filter((e) => e.msg === 'request').map((e) => String(e.path));
    expect(paths).toContain('/receipts/:redacted');
    // The hand-over to the bank is a capability; the callback's query is the holder's signed answer, code and all.
    expect(paths).toContain('/connect/authorise/:redacted');
    expect(paths).toContain('/connect/callback');
    expect(paths).toContain('/manage');
    const all = JSON.stringify(log.entries);
    for (const part of answer.split('.')) expect(all).not.toContain(part.slice(0, 40));
    expect(all).not.toContain(receiptId);
    expect(all).not.toContain(flow.authorisationId!);
    expect(all).not.toContain(manage.token.slice(4, 30));
  });

  it('answers with the request id it logged', async () => {
    const res = await t.app.request('/healthz');
    expect(res.headers.get('x-request-id')).toBe(log.entries.at(-1)!.requestId);
  });
});

describe('loggablePath', () => {
  it('redacts only the capability segment, and returns every other path as it is', () => {
    expect(loggablePath('/receipts/rcpt_abcdefghijklmnopqrstuvwx')).toBe('/receipts/:redacted');
    expect(loggablePath('/connect/authorise/auth_123')).toBe('/connect/authorise/:redacted');
    expect(loggablePath('/connect/authorise/auth_123/more')).toBe('/connect/authorise/:redacted/more');
    for (const path of ['/v1/apps/demo/config', '/connect', '/connect/callback', '/v1/session/authorisations/auth_1', '/receipts', '/', '']) expect(loggablePath(path)).toBe(path);
  });
});

describe('jsonLogger', () => {
  it('writes one JSON line per entry, with level and time, and censors secret fields', () => {
    const lines: string[] = [];
    const logger = jsonLogger({ destination: { write: (line: string) => void lines.push(line) }, now: () => new Date('2026-11-25T00:00:00Z') });
    logger.info({ msg: 'one', n: 1 });
    logger.warn({ msg: 'two', token: 'st_secret', authorization: 'Bearer ck_secret' });
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { time: '2026-11-25T00:00:00.000Z', level: 'info', msg: 'one', n: 1 },
      { time: '2026-11-25T00:00:00.000Z', level: 'warn', msg: 'two', token: '[redacted]', authorization: '[redacted]' },
    ]);
    expect(lines.join('')).not.toContain('secret');
  });
});

describe('batchedStdout', () => {
  it('gathers lines into writes of about maxBytes, and writes the rest when quiet', async () => {
    const writes: string[] = [];
    const out = batchedStdout({ maxBytes: 100, flushEveryMs: 20, write: (chunk) => void writes.push(chunk) });
    const line = `${'x'.repeat(39)}\n`;
    for (let i = 0; i < 6; i++) out.write(line);
    expect(writes).toEqual([line.repeat(3), line.repeat(3)]); // every 120 bytes (≥ 100) make one write
    out.write('last\n');
    expect(writes).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes.at(-1)).toBe('last\n');
    expect(writes.join('')).toBe(line.repeat(6) + 'last\n');
  });
});

describe('request lines', () => {
  const at = new Date('2026-11-25T00:00:00Z');
  const write = () => {
    const lines: string[] = [];
    return { lines, logger: jsonLogger({ destination: { write: (line: string) => void lines.push(line) }, now: () => at }) };
  };

  it('are one JSON line each, in the shape of every other entry, error for a 5xx', () => {
    const { lines, logger } = write();
    logger.request({ requestId: 'r1', method: 'GET', path: '/v1/apps/demo/config', status: 200, durationMs: 0.12 });
    logger.request({ requestId: 'r2', method: 'POST', path: '/v1/users', status: 503, durationMs: 4, appId: 'app_1', keyId: 'key_1' });
    logger.info({ msg: 'other' });
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.endsWith('}\n') && line.indexOf('\n') === line.length - 1)).toBe(true);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { level: 'info', time: '2026-11-25T00:00:00.000Z', msg: 'request', requestId: 'r1', method: 'GET', path: '/v1/apps/demo/config', status: 200, durationMs: 0.12 },
      { level: 'error', time: '2026-11-25T00:00:00.000Z', msg: 'request', requestId: 'r2', method: 'POST', path: '/v1/users', status: 503, durationMs: 4, appId: 'app_1', keyId: 'key_1' },
      { level: 'info', time: '2026-11-25T00:00:00.000Z', msg: 'other' },
    ]);
  });

  it('keep a hostile path and request id inside their strings', () => {
    const { lines, logger } = write();
    const path = '/v1/apps/"x",\n"status":999}\u2028\\';
    logger.request({ requestId: '"},{"forged":true', method: 'GET', path, status: 404, durationMs: Number.NaN, sessionId: 'ses_1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ level: 'info', time: '2026-11-25T00:00:00.000Z', msg: 'request', requestId: '"},{"forged":true', method: 'GET', path, status: 404, durationMs: 0, sessionId: 'ses_1' });
  });
});
