import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner } from '../partner.js';
import { createTestApp } from '../test-app.js';
import { sortFindings } from './known-findings.js';
import { describeFinding, fuzzRoutes } from './route-fuzzer.js';

// A bounded run for `npm test`; `npm run bench` (scripts/bench-route-fuzz.mjs) runs thousands. A new seed
// each run, so the suite keeps trying new requests; FUZZ_SEED replays one.
const REQUESTS = 600;

describe('every route of the OpenAPI document, fuzzed', () => {
  it(`never answers 5xx or hangs, answers every error as documented (problem+json), and leaves the database alone on a 4xx (${REQUESTS} requests)`, async () => {
    const report = await fuzzRoutes({ requests: REQUESTS, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) });
    console.log(`route fuzzer: ${report.requests} requests over ${report.operations} operations in ${(report.ms / 1000).toFixed(1)} s (seed ${report.seed}): ${JSON.stringify(report.byStatus)}`);
    expect(report.requests).toBe(REQUESTS);
    const { known, fresh } = sortFindings(report.findings);
    for (const bug of known) console.warn(`route fuzzer: known bug seen ${bug.seen.length} time(s): ${bug.bug}\n  ${describeFinding(bug.seen[0]!)}`);
    expect(fresh.map(describeFinding), `seed ${report.seed}`).toEqual([]);
  }, 120_000);
});

describe('bugs the route fuzzer found', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  // Found by the fuzzer: bytes that are not UTF-8 were decoded as U+FFFD and saved (RFC 8259 §8.1: JSON is UTF-8).
  it('refuses a JSON body that is not UTF-8, rather than saving U+FFFD in place of its bytes', async () => {
    const partner = await addPartner(t, { name: 'UTF-8' });
    const reference = (byte: number) => Uint8Array.from([...new TextEncoder().encode('{"reference":"cust-'), byte, ...new TextEncoder().encode('"}')]);
    const post = (body: Uint8Array<ArrayBuffer>) => t.app.request('/v1/users', { method: 'POST', headers: { authorization: `Bearer ${partner.key}`, 'content-type': 'application/json' }, body });
    // Before: 201 with reference "cust-\uFFFD", then 409 "Reference already used" for different bytes.
    const statuses = [(await post(reference(0xff))).status, (await post(reference(0xfe))).status];
    expect(statuses).toEqual([400, 400]);
  });
});
