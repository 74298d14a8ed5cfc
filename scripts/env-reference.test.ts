import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATA_HOLDER_ENV_VARIABLES, readDataHolderEnv } from '../data-holder/env.js';
import { ENV_VARIABLES, readEnv } from '../service/env.js';

const DOC = fileURLToPath(new URL('../docs/deploy.md', import.meta.url));

/** The rows of docs/deploy.md's environment table: variable, who reads it, its documented default. */
function documentedVariables() {
  const text = readFileSync(DOC, 'utf8');
  const start = text.indexOf('## Environment reference');
  expect(start, 'docs/deploy.md has an "Environment reference" section').toBeGreaterThan(-1);
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end === -1 ? undefined : end);
  return section
    .split('\n')
    .map((line) => /^\| `([A-Z][A-Z0-9_]*)` \| ([^|]+?) \| ([^|]+?) \|/.exec(line))
    .filter((match) => match !== null)
    .map(([, name, readBy, defaultCell]) => ({ name: name!, readBy: readBy!, defaultCell: defaultCell! }));
}

/** How the table writes a default: `value`, or — for none. */
const cell = (value: unknown) => (value === undefined ? '—' : `\`${String(value)}\``);

describe('docs/deploy.md environment reference', () => {
  const rows = documentedVariables();

  it('lists each variable once', () => {
    const names = rows.map((r) => r.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it("names exactly the service's variables (service/env.ts), with their defaults", () => {
    const documented = rows.filter((r) => r.readBy === 'service');
    expect(documented.map((r) => r.name).sort()).toEqual([...ENV_VARIABLES].sort());
    const defaults = readEnv({}) as Record<string, unknown>;
    for (const row of documented) expect(row.defaultCell, row.name).toBe(cell(defaults[row.name]));
  });

  it("names exactly the data holder's variables (data-holder/env.ts), with their defaults", () => {
    const documented = rows.filter((r) => r.readBy === 'data holder');
    expect(documented.map((r) => r.name).sort()).toEqual([...DATA_HOLDER_ENV_VARIABLES].sort());
    const defaults = readDataHolderEnv({}) as Record<string, unknown>;
    for (const row of documented) expect(row.defaultCell, row.name).toBe(cell(defaults[row.name]));
  });

  it('says nothing else is read', () => {
    expect(rows.filter((r) => r.readBy !== 'service' && r.readBy !== 'data holder')).toEqual([]);
  });
});
