import { describe, expect, it } from 'vitest';
import { DATA_LANGUAGE_ROWS, clusterLabels } from './cluster-labels.js';
import { CLUSTER_SCOPES, clusterLabels as personalLabels } from './data-language.js';

describe('clusterLabels (Data Language Standards)', () => {
  it('shows the basic row and the plain detailed row when both are requested', () => {
    const labels = clusterLabels(['bank:accounts.basic:read', 'bank:accounts.detail:read']);
    expect(labels.map((l) => l.label)).toEqual(['Account name, type and balance', 'Account numbers and features']);
  });

  it('shows only the merged row when the detailed scope comes without its basic scope', () => {
    expect(clusterLabels(['bank:accounts.detail:read'])[0]).toMatchObject({
      label: 'Account balance and details',
      permissions: expect.arrayContaining(['Name of account', 'Account balance']),
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

  it("keeps the standard's words, without its list punctuation", () => {
    expect(clusterLabels(['common:customer.basic:read'])[0]!.permissions).toEqual(['Name', 'Occupation']);
    expect(clusterLabels(['bank:transactions:read'])[0]!.permissions).toEqual([
      'Incoming and outgoing transactions',
      'Amounts',
      'Dates',
      'Descriptions of transactions',
      'Who you have sent money to and received money from (e.g. their name)',
    ]);
    expect(clusterLabels(['common:customer.basic:read'], { business: true })[0]!.permissions).toContain('Organisation numbers (ABN or ACN)');
  });

  // The tables' markers ("†" in-line help, "*" business, "‡" merged) and list semicolons are notation
  // for implementers; a consumer must never read them (derived away in scripts/derive-data-language.mjs).
  it('has no table marker or list punctuation in any label or permission line', () => {
    const strings = DATA_LANGUAGE_ROWS.flatMap((row) => [row.label, ...row.permissions]);
    expect(strings.length).toBeGreaterThan(90);
    for (const value of strings) {
      expect(value, value).not.toMatch(/[†‡*;]/);
      expect(value, value).toBe(value.trim());
      expect(value, value).not.toBe('');
    }
  });

  it('has a row for every scope a config may request', () => {
    for (const scope of CLUSTER_SCOPES) expect(() => clusterLabels([scope])).not.toThrow();
  });

  it('gives the journey (personal rows only) the same labels as the full tables give a personal consumer', () => {
    for (const scope of CLUSTER_SCOPES) expect(personalLabels([scope, 'bank:accounts.basic:read'])).toEqual(clusterLabels([scope, 'bank:accounts.basic:read']));
    expect(personalLabels(['common:customer.basic:read', 'common:customer.detail:read'])).toEqual(clusterLabels(['common:customer.basic:read', 'common:customer.detail:read']));
  });
});
