import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokenConfigInput, validConfigInput } from '../testing/config-arbitraries.js';
import { parseConfig, safeParseConfig } from './parse-config.js';

const RUNS = 1000;

describe('the config schema, property by property', () => {
  it(`accepts every config the generator makes, and parses its own output to itself (${RUNS} configs)`, () => {
    let runs = 0;
    fc.assert(
      fc.property(validConfigInput, (input) => {
        runs++;
        const result = safeParseConfig(input);
        if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.problems)}`);
        // What the service stores is what the widget and the next save read back.
        expect(parseConfig(JSON.parse(JSON.stringify(result.config)))).toEqual(result.config);
      }),
      { numRuns: RUNS },
    );
    console.log(`config schema: ${runs} accepted configs`);
  });

  it(`names the path of the one place broken in an otherwise valid config (${RUNS} configs)`, () => {
    const labels = new Map<string, number>();
    fc.assert(
      fc.property(brokenConfigInput, ({ input, path, label }) => {
        labels.set(label.replace(/ \(.*| ".*/, ''), (labels.get(label) ?? 0) + 1);
        const result = safeParseConfig(input);
        expect(result.ok, label).toBe(false);
        if (result.ok) return;
        expect(result.problems.map((p) => p.path), label).toContain(path);
        for (const problem of result.problems) expect(problem.message, `${label} at ${problem.path}`).not.toBe('');
      }),
      { numRuns: RUNS },
    );
    console.log(`config schema: ${RUNS} rejected configs, ${labels.size} kinds of break`);
  });
});
