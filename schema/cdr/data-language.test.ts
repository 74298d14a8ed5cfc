import { describe, expect, it } from 'vitest';
import { CLUSTER_SCOPES, DATA_LANGUAGE_ROWS, clusterLabels } from './data-language.js';

describe('clusterLabels (Data Language Standards)', () => {
  it('shows the basic row and the plain detailed row when both are requested', () => {
    const labels = clusterLabels(['bank:accounts.basic:read', 'bank:accounts.detail:read']);
    expect(labels.map((l) => l.label)).toEqual(['Account name, type and balance', 'Account numbers and features']);
  });

  it('shows only the merged row when the detailed scope comes without its basic scope', () => {
    expect(clusterLabels(['bank:accounts.detail:read'])[0]).toMatchObject({
      label: 'Account balance and details',
      permissions: expect.arrayContaining(['Name of account;', 'Account balance;']),
    });
    expect(clusterLabels(['common:customer.detail:read'])[0]!.label).toBe('Name, occupation, contact details');
  });

  it('uses the business rows for business consumers', () => {
    const labels = clusterLabels(['common:customer.basic:read', 'common:customer.detail:read'], { business: true });
    expect(labels.map((l) => l.label)).toEqual(['Organisation profile', 'Organisation contact details']);
    expect(clusterLabels(['common:customer.detail:read'], { business: true })[0]!.label).toBe(
      'Organisation profile and contact details',
    );
  });

  it('keeps banking labels for business consumers (no business variant exists)', () => {
    expect(clusterLabels(['bank:transactions:read'], { business: true })[0]!.label).toBe('Transaction details');
  });

  it('keeps the standard permission strings verbatim', () => {
    expect(clusterLabels(['bank:transactions:read'])[0]!.permissions).toEqual(
      DATA_LANGUAGE_ROWS.find((r) => r.label === 'Transaction details')!.permissions,
    );
    expect(clusterLabels(['common:customer.basic:read'])[0]!.permissions).toEqual(['Name;', 'Occupation;']);
  });

  it('has a row for every scope a config may request', () => {
    for (const scope of CLUSTER_SCOPES) expect(() => clusterLabels([scope])).not.toThrow();
  });
});
