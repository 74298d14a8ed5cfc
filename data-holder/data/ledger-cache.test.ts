import { describe, expect, it } from 'vitest';
import { cachedLedger } from './ledger-cache.js';
import { findSandboxCustomer } from './sandbox-customers.js';
import { ledgerFor } from './sandbox-ledger.js';

describe('cachedLedger', () => {
  it('equals the ledger replayed to the exact instant, mid-minute included', () => {
    const jsmith = findSandboxCustomer('jsmith')!;
    const everyday = jsmith.accounts[0]!;
    for (const at of ['2026-11-25T03:17:42.500Z', '2026-11-25T03:18:00.000Z', '2026-11-24T21:59:59.999Z']) {
      expect(cachedLedger(jsmith, everyday, new Date(at)), at).toEqual(ledgerFor(jsmith, everyday, new Date(at)));
    }
  });
});
