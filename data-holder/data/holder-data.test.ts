import { describe, expect, it } from 'vitest';
import { createSandboxHolderData } from './holder-data.js';

const NOW = new Date('2026-11-25T00:00:00Z');

describe('sandbox holder data', () => {
  const data = createSandboxHolderData();

  it('lists every customer the sign-in page can offer, with the id verifyAccess must return', () => {
    expect(data.customers().map((c) => c.loginId)).toEqual(['jsmith', 'jwilson', 'acmeplumbing', 'johndoe', 'janedoe', 'jerde']);
    expect(data.customers()[0]).toEqual({ customerId: 'jsmith', loginId: 'jsmith', displayName: 'John Smith' });
    expect(data.customers()[5]).toMatchObject({ customerId: 'e8ad5b82-ca60-4540-9370-fa7c734e5009', displayName: 'Jerde, Kelly and Conroy' });
  });

  it('keeps the project customers’ accounts, numbers and the joint account’s reason', () => {
    const accounts = data.accounts('jwilson', NOW);
    expect(accounts.map((a) => a.accountId)).toEqual(['jwilson-everyday', 'jwilson-savings', 'jwilson-card', 'jwilson-joint']);
    expect(accounts[3]).toMatchObject({ accountOwnership: 'TWO_PARTY', bsb: '732012', accountNumber: '40119870', unavailableReason: expect.stringContaining('Joint account') });
  });

  it('gives the same transactions for the same window, newest first', () => {
    const from = new Date('2026-11-01T00:00:00Z');
    const first = data.transactions('jsmith', 'jsmith-everyday', from, NOW);
    expect(first).toEqual(data.transactions('jsmith', 'jsmith-everyday', from, NOW));
    expect(first.length).toBeGreaterThan(10);
    expect(first[0]!.postingDateTime! >= first.at(-1)!.postingDateTime!).toBe(true);
    expect(data.transactions('jsmith', 'jwilson-everyday', from, NOW)).toEqual([]);
  });
});
