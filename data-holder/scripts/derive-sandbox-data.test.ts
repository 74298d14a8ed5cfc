import { describe, expect, it } from 'vitest';
import { derive } from './derive-sandbox-data.mjs';

/** A two-customer stand-in for the DSB data set, in its layout (holders › authenticated › customers). */
const SOURCE = {
  standardsVersion: '1.33.0',
  holders: [{ holder: { authenticated: { customers: [
    {
      customerId: 'c-1',
      customer: { customerUType: 'person', person: { firstName: 'Jane', lastName: 'Doe', middleNames: [], emailAddresses: [{ address: 'x@example.com' }] } },
      banking: { accounts: [1, 2, 3, 4, 5].map((n) => ({
        account: { accountId: `a-${n}`, displayName: 'Saver', maskedNumber: 'xxxx1234', productCategory: 'TERM_DEPOSITS', productName: 'Saver', accountOwnership: 'ONE_PARTY', depositRates: [{ rate: '0.04' }], fees: [{}] },
        balance: { currentBalance: '1.00' },
        transactions: [{ accountId: `a-${n}`, transactionId: `t-${n}`, amount: '-1.00', description: 'x', reference: '', status: 'POSTED', type: 'PAYMENT', isDetailAvailable: false, postingDateTime: '2024-01-01T00:00:00.000Z', extendedData: { payer: 'y' } }],
      })) },
    },
    {
      customerId: 'c-2',
      customer: { customerUType: 'organisation', organisation: { businessName: 'Jerde, Kelly and Conroy', agentLastName: 'C', agentRole: 'Unspecified', organisationType: 'COMPANY', physicalAddresses: [] } },
      banking: { accounts: [] },
    },
  ] } } }],
};

describe('derive-sandbox-data', () => {
  it('keeps the Get Customer fields, four accounts in detail shape and their transactions without extendedData', () => {
    const [jane, jerde] = derive(SOURCE);
    expect(jane).toMatchObject({ customerId: 'c-1', loginId: 'janedoe', customer: { customerUType: 'person', person: { firstName: 'Jane', lastName: 'Doe', middleNames: [] } } });
    expect(jane!.customer).not.toHaveProperty('person.emailAddresses');
    expect(jane!.accounts.map((a) => a.accountId)).toEqual(['a-1', 'a-2', 'a-3', 'a-4']);
    expect(jane!.accounts[0]).toEqual({ accountId: 'a-1', displayName: 'Saver', maskedNumber: 'xxxx1234', productCategory: 'TERM_DEPOSITS', productName: 'Saver', accountOwnership: 'ONE_PARTY', depositRate: '0.04' });
    expect(jane!.transactions).toHaveLength(4);
    expect(jane!.transactions[0]).not.toHaveProperty('extendedData');
    expect(jerde).toMatchObject({ loginId: 'jerde', customer: { organisation: { businessName: 'Jerde, Kelly and Conroy' } } });
    expect(jerde!.customer).not.toHaveProperty('organisation.physicalAddresses');
  });
});
