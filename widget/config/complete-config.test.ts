import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { CLUSTER_SCOPES } from '../../schema/cdr/data-language.js';
import { parseConfig } from '../../schema/index.js';
import { completeConfig, type PartialConfig } from './complete-config.js';

// Values the schema accepts as they are (already trimmed, in range), so that the only work left for
// either side is filling in what a partial config leaves out.
const words = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.'&-]{0,30}[A-Za-z0-9.]$/);
const hex = fc.stringMatching(/^#[0-9A-F]{6}$/);
const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields, { requiredKeys: [] });

const permission = (cluster: string) =>
  fc.option(fc.boolean(), { nil: undefined }).map((required) => (required === undefined ? { cluster } : { cluster, required }));

const partialConfig: fc.Arbitrary<PartialConfig> = partial({
  consent: partial({
    brandName: words,
    title: words,
    subtitle: fc.oneof(words, fc.constant('')),
    durationDays: fc.integer({ min: 1, max: 365 }),
    retrievalSpanDays: fc.integer({ min: 1, max: 730 }),
    retainDataByDefault: fc.boolean(),
    onRevocation: fc.constantFrom('delete' as const, 'deidentify' as const),
    permissions: fc.uniqueArray(fc.constantFrom(...CLUSTER_SCOPES), { minLength: 1, maxLength: 6 }).chain((clusters) => fc.tuple(...clusters.map(permission))),
    accreditation: fc.record({ name: words, number: fc.stringMatching(/^ADR[A-Z]{3}[0-9]{6}$/) }),
  }),
  appearance: partial({
    colors: partial({ primary: hex, background: hex, links: hex }),
    typography: partial({ headingSize: fc.integer({ min: 16, max: 40 }), lineHeight: fc.integer({ min: 16, max: 40 }) }),
    buttons: partial({ primary: partial({ text: hex, background: hex, borderRadius: fc.integer({ min: 0, max: 24 }) }) }),
    wrapper: partial({ desktopWidth: fc.integer({ min: 320, max: 960 }) }),
  }),
  flow: partial({ skipSuccessScreen: fc.boolean(), allowMultipleConnections: fc.boolean(), referenceName: fc.oneof(words, fc.constant('')) }),
}) as fc.Arbitrary<PartialConfig>;

describe('completeConfig', () => {
  it('takes an explicit undefined `required` as required, and leaves malformed items for the schema to reject', () => {
    const config = completeConfig({ consent: { permissions: [{ cluster: 'bank:accounts.basic:read', required: undefined }] } } as unknown as PartialConfig);
    expect(config.consent.permissions).to.deep.equal([{ cluster: 'bank:accounts.basic:read', required: true }]);
    expect(() => completeConfig({ consent: { permissions: [null] } } as unknown as PartialConfig)).not.to.throw();
  });

  // The widget fills a hand-set `config` without zod; the service parses stored ones with it. Both must
  // arrive at the same config, or a preview would show what the live journey will not.
  it('fills a partial config exactly as the shared schema does', () => {
    fc.assert(
      fc.property(partialConfig, (config) => {
        expect(completeConfig(config)).to.deep.equal(parseConfig(config));
      }),
      { numRuns: 300 },
    );
  });
});
