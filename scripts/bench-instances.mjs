// `npm run bench` (scripts/bench.mjs runs this with `node --import tsx`): the service on PostgreSQL against
// the service on SQLite, and two instances on one PostgreSQL, in one run. Real service processes
// (service/main.ts), the sandbox data holder in this process, a throwaway PostgreSQL (scripts/postgres.mjs).
//   1. GET /v1/apps/demo/config req/s, PostgreSQL ÷ SQLite, interleaved slices with autocannon (target ≥ 0.9:
//      the cached config is served from memory, whatever the store).
//   2. Consent grants per second on each store: whole journeys (user, session, hand-over, the holder's
//      pages, its JARM answer taken at /connect/callback), several at once, for a fixed time; every 303
//      counted must be a row in `consents`. Neither store syncs each commit to disk here (the throwaway
//      server runs with fsync off, SQLite with synchronous=NORMAL), so this compares the stores' work, not disks.
//   3. A publish through instance A until instance B serves it (B polled every 5 ms): p50/p95/max.
//   4. A draft saved through A until B's preview stream sends it: p50/p95/max. Target for 3 and 4: p95 < 250 ms.
// INSTANCES_SCALE=3 runs everything three times as long (or set each figure below on its own).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startSandboxDataHolder } from '../data-holder/sandbox.ts';
import { freePort } from '../e2e/support/free-port.ts';
import { runCli, startServiceProcess } from '../e2e/support/service-process.ts';
import { openDatabase } from '../service/db/database.ts';
import { authoriseAtBank, httpRequester, postGrant } from '../service/testing/connect-flow.ts';
import { startPostgres } from './postgres.mjs';

const SCALE = Number(process.env.INSTANCES_SCALE ?? 1);
/** Seconds of config GETs per store, in SLICES interleaved slices. */
const CONFIG_SECONDS = Number(process.env.INSTANCES_CONFIG_SECONDS ?? 10 * SCALE);
const SLICES = Number(process.env.INSTANCES_SLICES ?? 10);
const CONNECTIONS = Number(process.env.INSTANCES_CONNECTIONS ?? 50);
/** Seconds of journeys per store, in two interleaved halves; journeys in flight at once. */
const GRANT_SECONDS = Number(process.env.INSTANCES_GRANT_SECONDS ?? 15 * SCALE);
const GRANT_CONCURRENCY = Number(process.env.INSTANCES_GRANT_CONCURRENCY ?? 8);
/** Publishes, and draft saves, timed across instances. */
const REPEATS = Number(process.env.INSTANCES_REPEATS ?? 40 * SCALE);
const POLL_MS = 5;
const TARGET_RATIO = 0.9;
const TARGET_P95_MS = 250;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
/** Nearest-rank percentile. */
const percentile = (values, p) => [...values].sort((x, y) => x - y)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)];
const ms = (value) => `${value.toFixed(1)} ms`;
const spread = (values) => `p50 ${ms(percentile(values, 50))} · p95 ${ms(percentile(values, 95))} · max ${ms(Math.max(...values))}`;

const dir = mkdtempSync(join(tmpdir(), 'consent-ui-bench-instances-'));
const services = [];
let holder;
let postgres;
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const service of services) await service.kill('SIGKILL').catch(() => undefined);
  await holder?.close().catch(() => undefined);
  try {
    postgres?.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
// Ctrl-C or a kill skips `finally`: nothing may outlive the run (PostgreSQL least of all).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

/** A service process on `databaseUrl`, its own recipient credentials (one holder registration per product). */
async function startService(name, databaseUrl, port, publicUrl, credentialsFile) {
  const service = await startServiceProcess({
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    CDR_SANDBOX_FILE: credentialsFile,
    SANDBOX_STEP_DELAY_MS: '0',
    // Rate limits stay on (each request is still counted in the database), with quotas the run cannot reach.
    RATE_LIMIT_API_KEY: '1000000',
    RATE_LIMIT_SESSIONS: '1000000',
    RATE_LIMIT_HOSTED_PAGES: '1000000',
  });
  services.push(service);
  return { name, port, url: `http://127.0.0.1:${port}`, databaseUrl, service };
}

async function credentials(productId) {
  const file = join(dir, `${productId}.json`);
  writeFileSync(file, JSON.stringify(await holder.sandboxCredentials(productId)), { mode: 0o600 });
  return file;
}

/** An application and its key on the instance's database (app-create, as an operator would). */
async function createApp(instance) {
  const out = await runCli(
    'service/cli/app-create.ts',
    ['--name', `Bench ${instance.name}`, '--brand-name', 'Budget Buddy', '--legal-name', 'Budget Buddy Pty Ltd', '--accreditation-number', 'ADRBNK000123', '--cdr-policy-url', 'https://budgetbuddy.example/cdr-policy', '--origin', 'http://localhost', '--json'],
    { DATABASE_URL: instance.databaseUrl },
  );
  const { id, apiKey } = JSON.parse(out);
  const call = (path, options = {}) =>
    fetch(`${instance.url}${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...options.headers },
      ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
  return { appId: id, apiKey, partner: { call }, journeyTarget: { request: httpRequester(instance.url), dataHolder: { caCert: holder.caCert } } };
}

/** Until the service has read the sandbox bank from the Register: before that no journey can start. */
async function registerRead(instance, appId) {
  const end = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${instance.url}/v1/apps/${appId}/institutions`);
    if (res.ok && (await res.text()).includes('"sandbox-bank"')) return;
    if (Date.now() > end) throw new Error(`${instance.name} did not read the Register`);
    await sleep(100);
  }
}

async function oneGrant(app) {
  const flow = await authoriseAtBank(app.journeyTarget, app.partner);
  if (!flow.redirect) throw new Error(`no answer from the bank (authorisation ${flow.started.status})`);
  const res = await postGrant(flow);
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`callback answered ${res.status}`);
}

/** As many journeys as `seconds` allows, `GRANT_CONCURRENCY` at once; the clock stops when the last one ends. */
async function grants(app, seconds) {
  const started = performance.now();
  const end = started + seconds * 1000;
  let ok = 0;
  const errors = [];
  const worker = async () => {
    while (performance.now() < end) {
      try {
        await oneGrant(app);
        ok++;
      } catch (error) {
        errors.push(error.message);
      }
    }
  };
  await Promise.all(Array.from({ length: GRANT_CONCURRENCY }, worker));
  return { ok, errors, seconds: (performance.now() - started) / 1000 };
}

async function configThroughput(autocannon, targets) {
  const run = async (port, seconds) => {
    const r = await autocannon({ url: `http://127.0.0.1:${port}/v1/apps/demo/config`, connections: CONNECTIONS, duration: seconds });
    return { requests: r.requests.total, seconds: r.duration, p99: r.latency.p99, other: r.non2xx, errors: r.errors + r.timeouts };
  };
  for (const t of targets) await run(t.port, 2); // warm-up: JIT and caches, so neither pays for being first
  const totals = targets.map((t) => ({ ...t, requests: 0, seconds: 0, slices: [], p99s: [], other: 0, errors: 0 }));
  // Interleaved (A B, B A, …) so a swing in the machine's speed falls on both stores alike.
  for (let slice = 0; slice < SLICES; slice++) {
    for (const total of slice % 2 ? [...totals].reverse() : totals) {
      const r = await run(total.port, CONFIG_SECONDS / SLICES);
      total.requests += r.requests;
      total.seconds += r.seconds;
      total.slices[slice] = r.requests / r.seconds;
      total.p99s.push(r.p99);
      total.other += r.other;
      total.errors += r.errors;
    }
  }
  return totals.map((t) => ({ ...t, rps: t.requests / t.seconds, p99: median(t.p99s) }));
}

/** A draft edit through `port`'s API: the current draft with another brand name, If-Match its ETag. */
async function saveDraft(app, port, brandName) {
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${app.apiKey}`, 'content-type': 'application/json' };
  const read = await fetch(`${base}/v1/config/draft`, { headers: auth });
  if (read.status !== 200) throw new Error(`GET draft ${read.status}`);
  const { config } = await read.json();
  const sent = performance.now();
  const put = await fetch(`${base}/v1/config/draft`, { method: 'PUT', headers: { ...auth, 'if-match': read.headers.get('etag') }, body: JSON.stringify({ ...config, consent: { ...config.consent, brandName } }) });
  if (put.status !== 200) throw new Error(`PUT draft ${put.status}: ${await put.text()}`);
  const { revision } = await put.json();
  return { sent, acknowledged: performance.now(), revision };
}

async function publishToOther(app, a, b) {
  const fromSent = [];
  const fromAck = [];
  const polls = [];
  const configOn = async (instance) => {
    const res = await fetch(`${instance.url}/v1/apps/${app.appId}/config`);
    return { etag: res.headers.get('etag'), brandName: (await res.json()).consent.brandName };
  };
  for (let i = 0; i < REPEATS; i++) {
    const brandName = `Published ${i} ${randomBytes(3).toString('hex')}`;
    await saveDraft(app, a.port, brandName);
    await configOn(b); // B holds the live version in memory, as it would under traffic
    // B is watched from just before the publish is sent, so its answer is not timed late.
    const sent = performance.now();
    let seen;
    let count = 0;
    let failed = false;
    const watching = (async () => {
      while (!failed && performance.now() - sent < 10_000) {
        count++;
        if ((await configOn(b)).brandName === brandName) return (seen = performance.now());
        await sleep(POLL_MS);
      }
      throw new Error(`B did not serve publish ${i} within 10 s`);
    })();
    const res = await fetch(`${a.url}/v1/config/publish`, { method: 'POST', headers: { authorization: `Bearer ${app.apiKey}`, 'content-type': 'application/json' }, body: '{}' });
    const acknowledged = performance.now();
    if (res.status !== 201) {
      failed = true;
      await watching.catch(() => undefined);
      throw new Error(`publish ${res.status}: ${await res.text()}`);
    }
    await watching;
    fromSent.push(seen - sent);
    fromAck.push(seen - acknowledged);
    polls.push(count);
    // A random gap, so the publishes fall anywhere against B's half-second poll.
    await sleep(Math.random() * 100);
  }
  const [etagA, etagB] = await Promise.all([configOn(a), configOn(b)].map(async (p) => (await p).etag));
  if (etagA !== etagB) throw new Error(`A and B serve different ETags: ${etagA} vs ${etagB}`);
  return { fromSent, fromAck, polls };
}

async function draftToOtherPreview(app, a, b) {
  const link = await app.partner.call('/v1/editor-links', { method: 'POST', body: {} });
  if (link.status !== 201) throw new Error(`editor link ${link.status}`);
  const token = new URL((await link.json()).url).searchParams.get('link');
  const opened = await fetch(`${b.url}/editor`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams({ link: token }).toString() });
  if (opened.status !== 303) throw new Error(`POST /editor on B ${opened.status}`);
  const cookie = opened.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const abort = new AbortController();
  const events = await fetch(`${b.url}/preview/${app.appId}/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
  if (events.status !== 200) throw new Error(`preview stream on B ${events.status}`);
  // Each `draft` event carries its revision as its id: when each arrived, read as the bytes come.
  const arrived = new Map();
  const waiters = new Set();
  const reading = (async () => {
    const reader = events.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const at = performance.now();
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: ?(\d+)$/m.exec(block);
        if (/^event: ?draft$/m.test(block) && id) arrived.set(Number(id[1]), at);
      }
      for (const wake of waiters) wake();
    }
  })().catch((error) => {
    if (!abort.signal.aborted) throw error;
  });
  const arrival = async (revision) => {
    const end = performance.now() + 10_000;
    while (![...arrived.keys()].some((r) => r >= revision)) {
      if (performance.now() > end) throw new Error(`draft revision ${revision} did not reach B's preview within 10 s`);
      await new Promise((resolve) => {
        const wake = () => (waiters.delete(wake), clearTimeout(timer), resolve());
        const timer = setTimeout(wake, 100);
        waiters.add(wake);
      });
    }
    return Math.min(...[...arrived].filter(([r]) => r >= revision).map(([, at]) => at));
  };
  const fromSent = [];
  const fromAck = [];
  try {
    for (let i = 0; i < REPEATS; i++) {
      const { sent, acknowledged, revision } = await saveDraft(app, a.port, `Drafted ${i} ${randomBytes(3).toString('hex')}`);
      const at = await arrival(revision);
      fromSent.push(at - sent);
      fromAck.push(at - acknowledged);
      await sleep(Math.random() * 100);
    }
  } finally {
    abort.abort();
    await reading;
  }
  return { fromSent, fromAck };
}

let pass = true;
try {
  const { default: autocannon } = await import('autocannon');
  const started = performance.now();
  [holder, postgres] = await Promise.all([startSandboxDataHolder(), startPostgres()]);
  const databaseName = `consent_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const postgresUrl = new URL(postgres.url);
  postgresUrl.pathname = `/${databaseName}`;
  mkdirSync(join(dir, 'sqlite'));
  const [sqliteCredentials, postgresCredentials] = await Promise.all([credentials('consent-ui-bench-sqlite'), credentials('consent-ui-bench-postgres')]);
  const [sqlitePort, aPort, bPort] = [await freePort(), await freePort(), await freePort()];
  // One public origin for A and B, as behind a load balancer; requests here go to each by its own port.
  const publicUrl = `http://127.0.0.1:${aPort}`;
  // B starts only for parts 3 and 4: until then each store has one instance, and B's scheduler and polls
  // would load the PostgreSQL side alone.
  const [sqlite, a] = await Promise.all([
    startService('sqlite', join(dir, 'sqlite', 'consent.db'), sqlitePort, `http://127.0.0.1:${sqlitePort}`, sqliteCredentials),
    startService('A', postgresUrl.toString(), aPort, publicUrl, postgresCredentials),
  ]);
  const [sqliteApp, postgresApp] = await Promise.all([createApp(sqlite), createApp(a)]);
  await Promise.all([registerRead(sqlite, sqliteApp.appId), registerRead(a, postgresApp.appId)]);
  console.log(`SQLite and PostgreSQL services up in ${((performance.now() - started) / 1000).toFixed(1)} s · ${CONNECTIONS} connections · config ${CONFIG_SECONDS} s, grants ${GRANT_SECONDS} s × ${GRANT_CONCURRENCY} at once, per store · ${REPEATS} publishes and draft saves`);

  // 1. The cached public config.
  for (const instance of [sqlite, a]) {
    const res = await fetch(`${instance.url}/v1/apps/demo/config`);
    if (res.status !== 200) throw new Error(`${instance.name}: demo config ${res.status}`);
    await res.arrayBuffer();
  }
  const [onSqlite, onPostgres] = await configThroughput(autocannon, [
    { label: 'SQLite', port: sqlite.port },
    { label: 'PostgreSQL', port: a.port },
  ]);
  for (const r of [onSqlite, onPostgres]) {
    console.log(`config GET on ${r.label.padEnd(10)} ${Math.round(r.rps).toString().padStart(7)} req/s   p99 ${r.p99} ms (median of slices)   non-2xx ${r.other}, errors ${r.errors}`);
  }
  if (onSqlite.other || onSqlite.errors || onPostgres.other || onPostgres.errors) throw new Error('unexpected statuses or errors during the config runs');
  const ratio = median(onPostgres.slices.map((rps, i) => rps / onSqlite.slices[i]));
  const ratioOk = ratio >= TARGET_RATIO;
  console.log(`per-slice ratios PostgreSQL/SQLite: ${onPostgres.slices.map((rps, i) => (rps / onSqlite.slices[i]).toFixed(2)).join(' ')}`);
  console.log(`config ratio PostgreSQL/SQLite: ${ratio.toFixed(3)} (median of ${SLICES} slices; ratio of totals ${(onPostgres.rps / onSqlite.rps).toFixed(3)}; target ≥ ${TARGET_RATIO}) · ${ratioOk ? 'PASS' : 'MISS'}`);

  // 2. Durable grants: warm both up with a couple of journeys first, then alternate halves.
  for (const app of [sqliteApp, postgresApp]) for (let i = 0; i < 2; i++) await oneGrant(app);
  const grantTotals = new Map([
    [sqliteApp, { label: 'SQLite', ok: 0, seconds: 0, errors: [] }],
    [postgresApp, { label: 'PostgreSQL', ok: 0, seconds: 0, errors: [] }],
  ]);
  for (const order of [[sqliteApp, postgresApp], [postgresApp, sqliteApp]]) {
    for (const app of order) {
      const r = await grants(app, GRANT_SECONDS / 2);
      const total = grantTotals.get(app);
      total.ok += r.ok;
      total.seconds += r.seconds;
      total.errors.push(...r.errors);
    }
  }
  for (const t of grantTotals.values()) {
    console.log(`grants on ${t.label.padEnd(10)} ${(t.ok / t.seconds).toFixed(1).padStart(6)} /s   (${t.ok} in ${t.seconds.toFixed(1)} s, ${GRANT_CONCURRENCY} at once; failed ${t.errors.length}${t.errors.length ? `: ${[...new Set(t.errors)].slice(0, 3).join('; ')}` : ''})`);
  }
  const grantRates = [...grantTotals.values()].map((t) => t.ok / t.seconds);
  console.log(`grants ratio PostgreSQL/SQLite: ${(grantRates[1] / grantRates[0]).toFixed(3)}`);
  if ([...grantTotals.values()].some((t) => t.errors.length)) pass = false;
  // Each 303 counted must be a consent in the database (two per store were warm-up journeys).
  for (const [app, t] of grantTotals) {
    const db = openDatabase(app === sqliteApp ? sqlite.databaseUrl : a.databaseUrl);
    try {
      const { n } = await db.selectFrom('consents').select((eb) => eb.fn.countAll().as('n')).where('app_id', '=', app.appId).executeTakeFirstOrThrow();
      if (Number(n) !== t.ok + 2) throw new Error(`${t.label}: ${t.ok} grants counted, but ${Number(n) - 2} consents recorded`);
    } finally {
      await db.destroy();
    }
  }

  // 3. Publish on A, served by B.
  const b = await startService('B', postgresUrl.toString(), bPort, publicUrl, postgresCredentials);
  const published = await publishToOther(postgresApp, a, b);
  const publishOk = percentile(published.fromSent, 95) < TARGET_P95_MS;
  console.log(`publish on A → served by B (${REPEATS}, from the publish request): ${spread(published.fromSent)} (target p95 < ${TARGET_P95_MS} ms) · ${publishOk ? 'PASS' : 'MISS'}`);
  console.log(`  from A's 201: ${spread(published.fromAck)} · B polled ${median(published.polls)} times each (median)`);

  // 4. Draft saved on A, in B's preview stream.
  const drafted = await draftToOtherPreview(postgresApp, a, b);
  const draftOk = percentile(drafted.fromSent, 95) < TARGET_P95_MS;
  console.log(`draft on A → B's preview stream (${REPEATS}, from the PUT): ${spread(drafted.fromSent)} (target p95 < ${TARGET_P95_MS} ms) · ${draftOk ? 'PASS' : 'MISS'}`);
  console.log(`  from A's 200: ${spread(drafted.fromAck)}`);

  for (const instance of [sqlite, a, b]) if (instance.service.child.exitCode !== null || instance.service.child.signalCode !== null) throw new Error(`${instance.name} exited during the run`);
  pass &&= ratioOk && publishOk && draftOk;
  console.log(`${pass ? 'PASS' : 'MISS'} · ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  process.exitCode = pass ? 0 : 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
