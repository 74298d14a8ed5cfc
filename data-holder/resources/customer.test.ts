import { describe, expect, it } from 'vitest';
import { buildApi, getJson, headers } from './test-support.js';

const CUSTOMER = 'http://holder.test/cds-au/v1/common/customer';

describe('Get Customer', () => {
  const app = buildApi();

  it('answers a person as CommonPerson, with x-v 1 and the self link', async () => {
    const { status, headers: h, body } = await getJson(app, CUSTOMER, headers('jsmith-token', '1'));
    expect(status).toBe(200);
    expect(h.get('x-v')).toBe('1');
    expect(body).toEqual({
      data: { customerUType: 'person', person: { lastUpdateTime: '2024-07-01T00:00:00Z', firstName: 'John', lastName: 'Smith', middleNames: [] } },
      links: { self: CUSTOMER },
      meta: {},
    });
  });

  it('accepts the detailed customer scope, which includes the basic data', async () => {
    const { status, body } = await getJson(app, CUSTOMER, headers('jwilson-token', '1'));
    expect(status).toBe(200);
    expect(body.data.person).toMatchObject({ firstName: 'Jane', lastName: 'Wilson' });
  });

  it('answers a business as CommonOrganisation', async () => {
    const { body } = await getJson(app, CUSTOMER, headers('acme-token', '1'));
    expect(body.data).toEqual({
      customerUType: 'organisation',
      organisation: expect.objectContaining({ businessName: 'Acme Plumbing Pty Ltd', abn: '51824753556', organisationType: 'COMPANY', agentLastName: 'Nguyen', agentRole: 'Director' }),
    });
    expect(body.data).not.toHaveProperty('person');
  });

  it('serves the DSB data set’s customers, person and organisation, with basic fields only', async () => {
    const jane = await getJson(app, CUSTOMER, headers('janedoe-token', '1'));
    expect(jane.body.data.person).toMatchObject({ firstName: 'Jane', lastName: 'Doe', middleNames: ['Angel'], occupationCode: '400745' });
    expect(jane.body.data.person).not.toHaveProperty('emailAddresses');
    const jerde = await getJson(app, CUSTOMER, headers('jerde-token', '1'));
    expect(jerde.body.data).toMatchObject({ customerUType: 'organisation', organisation: { businessName: 'Jerde, Kelly and Conroy', organisationType: 'GOVERNMENT_ENTITY' } });
    expect(jerde.body.data.organisation).not.toHaveProperty('physicalAddresses');
  });

  it('refuses a version it does not serve', async () => {
    const { status, body } = await getJson(app, CUSTOMER, headers('jsmith-token', '3', { 'x-min-v': '2' }));
    expect(status).toBe(406);
    expect(body.errors[0].code).toBe('urn:au-cds:error:cds-all:Header/UnsupportedVersion');
  });
});
