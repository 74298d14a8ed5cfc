// `npm run bench` (scripts/bench.mjs runs this with `node --import tsx`): mixed load on the real service
// process (service/main.ts, its own SQLite file), LOAD_DURATION seconds (default 60) at each of
// LOAD_CONNECTIONS (default 50,100,200) connections with autocannon. Each connection repeats a partner's
// and a widget's day: the published config (read twice), a new user, a session for it, a user's consent
// list (one with consents granted through the sandbox data holder, and the new one's), and a webhook
// endpoint registered and removed. Rate limits stay on (every partner request is counted in the
// database) with quotas above what the run can reach. Reports requests, errors, p50/p99 latency and the
// service's resident memory sampled every second from /proc/<pid>/status; fails on any error or non-2xx.
import { readFileSync } from 'node:fs';
import { serviceFixture } from '../e2e/support/service-fixture.ts';
import { authoriseAtBank, postGrant } from '../service/testing/connect-flow.ts';

const DURATION = Number(process.env.LOAD_DURATION ?? 60);
const LEVELS = (process.env.LOAD_CONNECTIONS ?? '50,100,200').split(',').map(Number);
const SAMPLE_MS = 1000;
const IDLE_MS = 15_000;

/** The service's resident set, in MiB, from the kernel's own account. */
function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)[1]) / 1024;
}

const { default: autocannon } = await import('autocannon');
const f = await serviceFixture('load', { RATE_LIMIT_API_KEY: '1000000', RATE_LIMIT_SESSIONS: '1000000' });
const results = [];
try {
  const service = await f.start();
  await f.registerRead();
  // Users whose consent lists have something in them: granted through the holder's pages.
  const withConsents = [];
  for (let i = 0; i < 4; i++) {
    const flow = await authoriseAtBank(f.journeyTarget, f.partner, { institutionId: i % 2 ? 'sandbox-credit-union' : 'sandbox-bank' });
    if ((await postGrant(flow)).status !== 303) throw new Error('seed grant failed');
    withConsents.push(flow.userId);
  }
  const auth = { authorization: `Bearer ${f.apiKey}`, 'content-type': 'application/json' };
  let serial = 0;
  const requests = [
    { method: 'GET', path: `/v1/apps/${f.appId}/config` },
    {
      method: 'POST',
      path: '/v1/users',
      headers: auth,
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ reference: `load-${process.pid}-${++serial}` }) }),
      onResponse: (status, body, context) => void (context.userId = JSON.parse(body).id),
    },
    { method: 'POST', path: '/v1/sessions', headers: auth, setupRequest: (req, context) => ({ ...req, body: JSON.stringify({ userId: context.userId, purpose: 'connect' }) }) },
    { method: 'GET', headers: auth, setupRequest: (req) => ({ ...req, path: `/v1/users/${withConsents[serial % withConsents.length]}/consents` }) },
    { method: 'GET', headers: auth, setupRequest: (req, context) => ({ ...req, path: `/v1/users/${context.userId}/consents` }) },
    {
      method: 'POST',
      path: '/v1/webhooks',
      headers: auth,
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ url: `https://hooks.example.com/load/${++serial}`, events: ['job.failed'] }) }),
      onResponse: (status, body, context) => void (context.endpointId = JSON.parse(body).id),
    },
    { method: 'DELETE', headers: auth, setupRequest: (req, context) => ({ ...req, path: `/v1/webhooks/${context.endpointId}` }) },
    { method: 'GET', path: `/v1/apps/${f.appId}/config` },
  ];
  // A short warm-up, so the first level does not pay for JIT and cold caches alone.
  await autocannon({ url: f.url, connections: 10, duration: Math.min(5, DURATION), requests });

  for (const connections of LEVELS) {
    const rss = [rssMiB(service.child.pid)];
    const sampler = setInterval(() => rss.push(rssMiB(service.child.pid)), SAMPLE_MS);
    const r = await autocannon({ url: f.url, connections, duration: DURATION, requests });
    clearInterval(sampler);
    rss.push(rssMiB(service.child.pid));
    results.push({ connections, r, rss });
    const every = Math.max(1, Math.round(rss.length / 6));
    console.log(
      `${String(connections).padStart(3)} connections, ${r.duration} s: ${r.requests.total} requests (${Math.round(r.requests.average)}/s), ` +
        `2xx ${r['2xx']}, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts} · latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms · ` +
        `RSS ${rss[0].toFixed(0)} → peak ${Math.max(...rss).toFixed(0)} → ${rss.at(-1).toFixed(0)} MiB (every ${every} s: ${rss.filter((_, i) => i % every === 0).map((v) => v.toFixed(0)).join(' ')})`,
    );
  }
  // Whether memory comes back once the load stops: heap the collector has not yet returned, or held.
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  console.log(`after ${IDLE_MS / 1000} s idle: RSS ${rssMiB(service.child.pid).toFixed(0)} MiB`);
  await service.kill('SIGTERM');
} finally {
  await f.close();
}

const bad = results.filter(({ r }) => r.errors || r.timeouts || r.non2xx);
const total = results.reduce((sum, { r }) => sum + r.requests.total, 0);
console.log(`mixed load: ${total} requests over ${results.length} levels, ${bad.length ? `errors or non-2xx at ${bad.map((b) => b.connections).join(', ')} connections` : '0 errors, every answer 2xx'}`);
process.exit(bad.length ? 1 : 0);
