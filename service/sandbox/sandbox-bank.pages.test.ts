import { describe, expect, it } from 'vitest';
import { clusterLabels } from '../../schema/index.js';
import { formatConsentDate } from '../consents/consent-dates.js';
import { confirmForm, otpForm } from './sandbox-bank.pages.js';

// 14:00 UTC: 1:00 am the next day in Sydney, 10:00 pm the same day in Perth.
const AT = '2026-11-25T14:00:00.000Z';

describe('the sandbox bank’s pages: times and dates in the consent’s zone, named', () => {
  it('gives the one-time password’s expiry in the zone it is given, with the zone’s name', async () => {
    expect(String(await otpForm('/a', AT, undefined, 'Australia/Perth'))).toContain('(at 10:00 pm Australian Western Standard Time)');
    expect(String(await otpForm('/a', AT))).toContain('(at 1:00 am Australian Eastern Time)');
  });

  it('names the zone once beside the sharing period, and shows the labels without the tables’ markers', async () => {
    const page = String(
      await confirmForm('/a', {
        recipient: 'Acme Money',
        clusters: clusterLabels(['common:customer.basic:read', 'bank:payees:read'], { business: true }),
        accounts: [],
        sharingEnd: formatConsentDate('2027-11-25T14:00:00.000Z', 'Australia/Perth'),
        historyFrom: formatConsentDate('2025-11-25T14:00:00.000Z', 'Australia/Perth'),
        timeZone: 'Australia/Perth',
      }),
    );
    expect(page).toContain('Until 25 November 2027 (Australian Western Standard Time), including data back to 25 November 2025.');
    expect(page).toContain('<li>Organisation profile</li>');
    expect(page).not.toMatch(/[†‡;]|\*/);
  });
});
