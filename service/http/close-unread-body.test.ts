import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';
import { listen } from './node-server.js';

/** Only a real server has connections: keep-alive is Node's, not the app's. */
let t: Awaited<ReturnType<typeof createTestApp>>;
let partner: Awaited<ReturnType<typeof addPartner>>;
let server: Server;
let port: number;
beforeAll(async () => {
  t = await createTestApp();
  partner = await addPartner(t, { name: 'Keep-alive' });
  ({ server, port } = await listen(t, { port: 0, hostname: '127.0.0.1' }));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** One keep-alive connection spoken to byte by byte, as a client's connection pool would reuse it. */
function rawConnection() {
  const socket: Socket = connect(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  let waiting: (() => void) | undefined;
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let isEnded = false;
  void ended.then(() => {
    isEnded = true;
    waiting?.();
  });
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    waiting?.();
  });
  socket.on('error', () => {});
  const more = () => new Promise<void>((resolve) => (waiting = resolve));

  /** The next whole response (Content-Length framed, as the service's answers are). */
  async function response(): Promise<RawResponse> {
    for (;;) {
      const head = buffer.indexOf('\r\n\r\n');
      if (head >= 0) {
        const [statusLine, ...lines] = buffer.subarray(0, head).toString('latin1').split('\r\n');
        const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
        const length = Number(headers['content-length'] ?? 0);
        if (buffer.length >= head + 4 + length) {
          const body = buffer.subarray(head + 4, head + 4 + length).toString();
          buffer = buffer.subarray(head + 4 + length);
          return { status: Number(statusLine!.split(' ')[1]), headers, body };
        }
      }
      if (isEnded) throw new Error('The connection closed before a whole response arrived');
      await more();
    }
  }

  const request = (method: string, path: string, headers: Record<string, string | number> = {}, body = '') => {
    const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
    if (body !== '' && !('content-length' in headers)) lines.push(`content-length: ${Buffer.byteLength(body)}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  };
  return { socket, request, response, ended, isEnded: () => isEnded };
}

const auth = () => ({ authorization: `Bearer ${partner.key}` });
const userBody = (reference: string) => JSON.stringify({ reference });

describe('early answers on a keep-alive connection', () => {
  it('answers a body over the limit 413 with Connection: close, and then closes the connection', async () => {
    const conn = rawConnection();
    // The client announces 2 MiB and starts sending; the service answers from Content-Length alone.
    conn.request('POST', '/v1/users', { ...auth(), 'content-type': 'application/json', 'content-length': 2 * 1024 * 1024 }, 'x'.repeat(64 * 1024));
    const res = await conn.response();
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({ type: '/problems/body-too-large' });
    await conn.ended;
  });

  it('says Connection: close for any answer given before a large body arrived (a 401)', async () => {
    const conn = rawConnection();
    conn.request('POST', '/v1/users', { 'content-type': 'application/json', 'content-length': 200 * 1024 }, '{"reference":"');
    const res = await conn.response();
    expect(res.status).toBe(401);
    expect(res.headers.connection).toBe('close');
    conn.socket.destroy();
  });

  it('keeps the connection for request after request when each body was read', async () => {
    const conn = rawConnection();
    conn.request('GET', '/healthz');
    const first = await conn.response();
    conn.request('POST', '/v1/users', { ...auth(), 'content-type': 'application/json' }, userBody('keep-alive-1'));
    const second = await conn.response();
    conn.request('POST', '/v1/users', { ...auth(), 'content-type': 'application/json' }, '{"reference":');
    const third = await conn.response();
    conn.request('GET', '/v1/users', auth());
    const fourth = await conn.response();
    expect([first.status, second.status, third.status, fourth.status]).toEqual([200, 201, 400, 200]);
    expect([first, second, third, fourth].map((r) => r.headers.connection)).toEqual(['keep-alive', 'keep-alive', 'keep-alive', 'keep-alive']);
    expect(conn.isEnded()).toBe(false);
    conn.socket.destroy();
  });

  it('never promises keep-alive and then drops the connection: after any early answer the next request works, or the answer said close', async () => {
    const early: [string, string, Record<string, string | number>, string][] = [
      ['no key, small body', '/v1/users', { 'content-type': 'application/json' }, userBody('early-1')],
      ['not JSON, small body', '/v1/users', { ...auth(), 'content-type': 'text/plain' }, userBody('early-2')],
      ['no key, large body', '/v1/users', { 'content-type': 'application/json', 'content-length': 200 * 1024 }, 'x'.repeat(32 * 1024)],
      ['too large', '/v1/users', { ...auth(), 'content-type': 'application/json', 'content-length': 2 * 1024 * 1024 }, 'x'.repeat(32 * 1024)],
      ['unknown route', '/nowhere', { 'content-type': 'application/json', 'content-length': 100 * 1024 }, 'x'.repeat(32 * 1024)],
    ];
    for (const [what, path, headers, body] of early) {
      const conn = rawConnection();
      conn.request('POST', path, headers, body);
      const answer = await conn.response();
      expect(answer.status, what).toBeGreaterThanOrEqual(400);
      if (answer.headers.connection === 'close') {
        await conn.ended;
      } else {
        conn.request('GET', '/healthz');
        expect((await conn.response()).status, what).toBe(200);
        conn.socket.destroy();
      }
    }
  });
});
