import { describe, expect, it } from 'vitest';
import { CdsError } from './cds-errors.js';
import { buildApi, getJson, headers } from './test-support.js';
import { negotiateVersion } from './version-negotiation.js';

const SUPPORTED = { min: 2, max: 3 };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as CdsError).entry.code;
  }
  return 'no error';
};

describe('version negotiation (HTTP Headers: x-v, x-min-v)', () => {
  it('answers x-v itself when it is supported and x-min-v is absent', () => {
    expect(negotiateVersion('3', undefined, SUPPORTED)).toBe(3);
    expect(negotiateVersion('2', undefined, SUPPORTED)).toBe(2);
    expect(negotiateVersion('03', undefined, SUPPORTED)).toBe(3);
  });

  it('answers the highest supported version within [x-min-v, x-v]', () => {
    expect(negotiateVersion('9', '1', SUPPORTED)).toBe(3);
    expect(negotiateVersion('9', '3', SUPPORTED)).toBe(3);
    expect(negotiateVersion('2', '1', SUPPORTED)).toBe(2);
  });

  it('treats an x-min-v at or above x-v as absent', () => {
    expect(negotiateVersion('3', '3', SUPPORTED)).toBe(3);
    expect(negotiateVersion('2', '7', SUPPORTED)).toBe(2);
    expect(codeOf(() => negotiateVersion('4', '9', SUPPORTED))).toBe('urn:au-cds:error:cds-all:Header/UnsupportedVersion');
  });

  it('refuses with Unsupported Version when the range misses every supported version', () => {
    expect(codeOf(() => negotiateVersion('1', undefined, SUPPORTED))).toBe('urn:au-cds:error:cds-all:Header/UnsupportedVersion');
    expect(codeOf(() => negotiateVersion('9', '4', SUPPORTED))).toBe('urn:au-cds:error:cds-all:Header/UnsupportedVersion');
  });

  it('refuses a missing x-v and non-positive-integer versions', () => {
    expect(codeOf(() => negotiateVersion(undefined, '2', SUPPORTED))).toBe('urn:au-cds:error:cds-all:Header/Missing');
    for (const bad of ['0', '-1', 'bar', '2.5', '']) {
      if (bad !== '') expect(codeOf(() => negotiateVersion(bad, undefined, SUPPORTED)), bad).toBe('urn:au-cds:error:cds-all:Header/InvalidVersion');
      expect(codeOf(() => negotiateVersion('3', bad === '' ? 'foo' : bad, SUPPORTED)), `x-min-v ${bad}`).toBe('urn:au-cds:error:cds-all:Header/InvalidVersion');
    }
  });

  it('over HTTP: x-v in the response, 400 for a missing x-v, 406 with the supported range', async () => {
    const app = buildApi();
    const ok = await getJson(app, '/cds-au/v1/banking/accounts', headers('jsmith-token', '5', { 'x-min-v': '2' }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-v')).toBe('3');

    const { 'x-v': _omitted, ...noVersion } = headers('jsmith-token', '3');
    const missing = await getJson(app, '/cds-au/v1/banking/accounts', noVersion);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Header/Missing', detail: 'x-v' });

    const tooOld = await getJson(app, '/cds-au/v1/banking/accounts', headers('jsmith-token', '1'));
    expect(tooOld.status).toBe(406);
    expect(tooOld.body.errors[0]).toMatchObject({ code: 'urn:au-cds:error:cds-all:Header/UnsupportedVersion', title: 'Unsupported Version', meta: { minimumVersion: 2, maximumVersion: 3 } });

    const invalid = await getJson(app, '/cds-au/v1/common/customer', headers('jsmith-token', 'one'));
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].code).toBe('urn:au-cds:error:cds-all:Header/InvalidVersion');
  });
});
