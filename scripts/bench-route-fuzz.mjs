// `npm run bench` (scripts/bench.mjs runs this with `node --import tsx`): the route fuzzer's long run —
// FUZZ_REQUESTS (default 10 000) fast-check-generated requests over every operation of the OpenAPI
// document, in process, each checked for a 5xx, a hang, an error answer not as documented, and a 4xx
// that changed the database. Prints the count, the time, the answers by status and every finding;
// fails on any finding that is not a known bug (service/testing/route-fuzz/known-findings.ts).
const { fuzzRoutes, describeFinding } = await import('../service/testing/route-fuzz/route-fuzzer.ts');
const { sortFindings } = await import('../service/testing/route-fuzz/known-findings.ts');

const requests = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const step = Math.max(1, Math.round(requests / 10));

const report = await fuzzRoutes({
  requests,
  ...(seed === undefined ? {} : { seed }),
  progress: (done) => {
    if (done % step === 0) process.stdout.write(`  ${done} / ${requests}\n`);
  },
});

console.log(`route fuzzer: ${report.requests} requests over ${report.operations} operations in ${(report.ms / 1000).toFixed(1)} s (${Math.round(report.requests / (report.ms / 1000))} requests/s, seed ${report.seed})`);
console.log(`  answers by status: ${JSON.stringify(report.byStatus)}`);
const reached = Object.values(report.byOperation).filter((counts) => Object.keys(counts).some((status) => Number(status) < 300)).length;
console.log(`  operations answered 2xx at least once: ${reached} / ${report.operations}`);
const unreached = Object.entries(report.byOperation).filter(([, counts]) => !Object.keys(counts).some((status) => Number(status) < 300)).map(([op]) => op);
if (unreached.length) console.log(`  never got past validation or auth: ${unreached.join(', ')}`);
const { known, fresh } = sortFindings(report.findings);
for (const bug of known) console.log(`  known bug, seen ${bug.seen.length} time(s): ${bug.bug}\n    ${describeFinding(bug.seen[0])}`);
// One line per operation and problem: the same bug found a hundred times is one finding.
const shown = new Set();
for (const finding of fresh) {
  const key = `${finding.request.operation} ${finding.problem.slice(0, 80)}`;
  if (shown.has(key)) continue;
  shown.add(key);
  console.log(`  FINDING ${describeFinding(finding)}`);
}
console.log(`  ${fresh.length} new finding(s), ${report.findings.length - fresh.length} of known bugs`);
process.exit(fresh.length ? 1 : 0);
