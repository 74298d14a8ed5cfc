// `npm run bench` (scripts/bench.mjs runs this with `node --import tsx`): crash runs. FAULT_CYCLES
// (default 200) times: start the real service process (service/main.ts, its own SQLite file, the
// sandbox data holder in this process), check the invariants (scripts/faults/invariants.ts), start a
// random mix of grants through the data holder's pages, revocations, publishes and refreshes while
// webhooks are delivered to a slow loopback receiver, and SIGKILL the service, aimed in turn at a grant,
// a revocation, a publish, a webhook delivery or a connection job under way (random moments within
// FAULT_KILL_WINDOW_MS, default 2500). At the end one clean run drains the outbox, the jobs and
// the withdrawals owed to the holder, and every event must have reached the receiver. Prints the cycles,
// what the kills cut off, the acknowledged operations and every violation; fails on any.
import SQLite from 'better-sqlite3';
import { serviceFixture } from '../e2e/support/service-fixture.ts';
import { checkInvariants, outstanding, undeliveredEvents } from './faults/invariants.ts';
import { startWebhookReceiver } from './faults/webhook-receiver.ts';
import { newLedger, workload } from './faults/workload.ts';

const CYCLES = Number(process.env.FAULT_CYCLES ?? 200);
const KILL_WINDOW_MS = Number(process.env.FAULT_KILL_WINDOW_MS ?? 2500);
const SEED = Number(process.env.FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** A small seeded generator (mulberry32): FAULT_SEED replays a run's choices. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(SEED);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits for `check` to hold, at most the kill window: a kill aimed at work that never came lands anyway. */
async function until(check) {
  const end = Date.now() + KILL_WINDOW_MS;
  while (!check() && Date.now() < end) await sleep(5);
}
const AIMS = ['grant', 'revoke', 'publish', 'delivery', 'job'];

const receiver = await startWebhookReceiver({ maxDelayMs: 300, random });
// Steps pause a little, so kills land inside connection jobs too.
const f = await serviceFixture('faults', { SANDBOX_STEP_DELAY_MS: '150' });
const violations = [];
const cutOff = { grant: 0, revoke: 0, publish: 0, refresh: 0, delivery: 0, job: 0 };
const startMs = [];
const serviceErrors = [];
let up = false;
let service;
const ledger = newLedger();
const ops = workload(f, ledger, () => up);

async function start() {
  const began = Date.now();
  service = await f.start();
  startMs.push(Date.now() - began);
  // The service's own account of a 5xx (service/errors/on-error.ts logs it to stderr).
  service.child.stderr.on('data', (chunk) => {
    for (const line of chunk.toString().split('\n')) if (line.includes('"level":"error"')) serviceErrors.push(line.slice(0, 600));
  });
  up = true;
}

/** Reads outcomes the crash kept from being read, then checks the file; records violations by cycle. */
async function afterRestart(cycle) {
  for (const grant of ledger.grants.filter((g) => !g.outcome)) {
    await ops.readOutcome(grant).catch((error) => ledger.unexpected.push(`outcome: ${error.message}`));
  }
  for (const violation of checkInvariants(f.databaseUrl, f.appId, ledger, receiver.received)) violations.push(`cycle ${cycle}: ${violation}`);
}

function runningJobs() {
  const db = new SQLite(f.databaseUrl, { readonly: true });
  try {
    return db.prepare(`select count(*) as n from jobs where status = 'running'`).get().n;
  } finally {
    db.close();
  }
}

const started = Date.now();
try {
  await start();
  await f.registerRead();
  // Checks open a connection of their own each time: nothing of the bench's holds the file across a crash.
  await f.db.destroy();
  const hook = await f.partner.call('/v1/webhooks', { method: 'POST', body: { url: receiver.url, events: ['consent.granted', 'consent.amended', 'consent.revoked', 'consent.warning', 'consent.expired', 'connection.refreshed', 'job.failed'] } });
  if (hook.status !== 201) throw new Error(`webhook endpoint: ${hook.status} ${await hook.text()}`);

  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    if (cycle > 1) await start();
    await afterRestart(cycle);
    const work = [ops.grant()];
    if (random() < 0.5) work.push(ops.grant());
    if (random() < 0.3) work.push(ops.revoke(random));
    if (random() < 0.3) work.push(ops.refresh(random));
    if (random() < 0.2) work.push(ops.publish(`${cycle}a`));
    // Each cycle aims its kill at one kind of work in turn: the short ones (a revocation, a publish take
    // milliseconds) are started just before it, the others are waited for.
    const aim = AIMS[cycle % AIMS.length];
    if (aim === 'grant') await sleep(random() * KILL_WINDOW_MS);
    else if (aim === 'revoke' || aim === 'publish') {
      await sleep(random() * KILL_WINDOW_MS);
      work.push(aim === 'revoke' ? ops.revoke(random) : ops.publish(String(cycle)));
      await sleep(random() * 20);
    } else if (aim === 'delivery') await until(() => receiver.open > 0);
    else {
      await until(() => runningJobs() > 0);
      await sleep(random() * 400);
    }
    for (const [kind, n] of Object.entries(ops.inFlight)) if (n) cutOff[kind]++;
    if (receiver.open) cutOff.delivery++;
    if (runningJobs()) cutOff.job++;
    up = false;
    await service.kill('SIGKILL');
    await Promise.allSettled(work);
    if (cycle % 20 === 0) console.log(`  ${cycle} / ${CYCLES} cycles, ${violations.length} violation(s)`);
  }

  // One clean run: everything owed is done, and every event has reached the receiver.
  await start();
  await afterRestart('final');
  const drainEnd = Date.now() + 120_000;
  let left = outstanding(f.databaseUrl);
  while (left.deliveries + left.jobs + left.holderRevocations > 0 && Date.now() < drainEnd) {
    await sleep(250);
    left = outstanding(f.databaseUrl);
  }
  if (left.deliveries + left.jobs + left.holderRevocations > 0) violations.push(`final: still outstanding after 120 s: ${JSON.stringify(left)}`);
  for (const violation of checkInvariants(f.databaseUrl, f.appId, ledger, receiver.received)) violations.push(`final: ${violation}`);
  const undelivered = undeliveredEvents(f.databaseUrl, receiver.received);
  if (undelivered.length) violations.push(`final: ${undelivered.length} webhook event(s) never received, e.g. ${undelivered[0]}`);
  up = false;
  await service.kill('SIGTERM');
} finally {
  await f.close();
  await receiver.close();
}

const exchanged = ledger.grants.filter((g) => g.outcome === 'exchanged').length;
const events = [...receiver.received.values()];
const median = [...startMs].sort((a, b) => a - b)[Math.floor(startMs.length / 2)];
console.log(`fault runs: ${CYCLES} SIGKILL/restart cycles in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${SEED}; kill within ${KILL_WINDOW_MS} ms of the work starting; service start median ${median} ms)`);
console.log(`  kills that cut off: ${Object.entries(cutOff).map(([kind, n]) => `${kind} ${n}`).join(', ')} (cycles with one in flight)`);
console.log(`  acknowledged: ${ledger.grants.length} grants (${exchanged} exchanged, ${ledger.grants.length - exchanged} failed), ${ledger.revocations.size} revocations, ${ledger.publishes.length} publishes, ${ledger.refreshes.length} refreshes`);
console.log(`  webhooks: ${events.length} events received, ${events.filter((n) => n > 1).length} of them more than once (redelivered after a kill)`);
console.log(`  integrity_check after each of ${CYCLES + 1} restarts`);
for (const line of ledger.unexpected.slice(0, 20)) console.log(`  UNEXPECTED ANSWER ${line}`);
for (const line of serviceErrors.slice(0, 10)) console.log(`  SERVICE ERROR ${line}`);
for (const line of violations.slice(0, 50)) console.log(`  VIOLATION ${line}`);
console.log(`  ${violations.length} invariant violation(s), ${ledger.unexpected.length} unexpected answer(s) while the service was up`);
process.exit(violations.length || ledger.unexpected.length ? 1 : 0);
