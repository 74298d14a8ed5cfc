import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../defaults.js';
import { configJsonSchema } from './json-schema.js';
import { parseConfig, safeParseConfig, ConfigError } from './parse-config.js';

/** The problems a config has, as {path: message}; fails the test if it parsed. */
function problemsOf(input: unknown): Record<string, string> {
  const result = safeParseConfig(input);
  if (result.ok) throw new Error('expected the config to be rejected');
  return Object.fromEntries(result.problems.map((p) => [p.path, p.message]));
}

describe('parseConfig defaults', () => {
  it('turns {} into the full reference default config', () => {
    expect(parseConfig({})).toEqual(DEFAULT_CONFIG);
  });

  it('uses the reference product colours and duration', () => {
    const config = parseConfig({});
    expect(config.appearance.colors).toMatchObject({
      primary: '#130F26', secondary: '#130F26', text: '#1F2328', inactive: '#656D71', success: '#4FC35A', warning: '#FABE34',
      failure: '#FE493F', background: '#FFFFFF', links: '#0459A8', accreditation: '#2784DA',
    });
    expect(config.consent.durationDays).toBe(365);
  });

  it('requests the reference editor checkboxes that start checked, and nothing else', () => {
    expect(parseConfig({}).consent.permissions.map((p) => p.cluster)).toEqual([
      'common:customer.detail:read', 'bank:accounts.basic:read', 'bank:accounts.detail:read', 'bank:transactions:read',
    ]);
  });

  it('fills defaults inside a partly written section', () => {
    const config = parseConfig({ appearance: { colors: { primary: '#FF0000' } } });
    expect(config.appearance.colors.primary).toBe('#FF0000');
    expect(config.appearance.colors.secondary).toBe('#130F26');
    expect(config.appearance.buttons.primary.borderRadius).toBe(8);
  });
});

describe('parseConfig rejects each malformed field with its path', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['duration below 1', { consent: { durationDays: 0 } }, 'consent.durationDays', /At least 1 day/],
    ['duration above 365', { consent: { durationDays: 366 } }, 'consent.durationDays', /At most 365/],
    ['fractional duration', { consent: { durationDays: 1.5 } }, 'consent.durationDays', /whole number/],
    ['retrieval span above 730', { consent: { retrievalSpanDays: 731 } }, 'consent.retrievalSpanDays', /At most 730/],
    ['retrieval span below 1', { consent: { retrievalSpanDays: 0 } }, 'consent.retrievalSpanDays', /At least 1/],
    ['short hex colour', { appearance: { colors: { primary: '#FFF' } } }, 'appearance.colors.primary', /#RRGGBB/],
    ['named colour', { appearance: { colors: { links: 'blue' } } }, 'appearance.colors.links', /#RRGGBB/],
    ['button colour', { appearance: { buttons: { secondary: { text: 'rgb(0,0,0)' } } } }, 'appearance.buttons.secondary.text', /#RRGGBB/],
    ['negative heading size', { appearance: { typography: { headingSize: -4 } } }, 'appearance.typography.headingSize', /At least 12px/],
    ['huge paragraph size', { appearance: { typography: { paragraphSize: 500 } } }, 'appearance.typography.paragraphSize', /At most 32px/],
    ['huge radius', { appearance: { buttons: { primary: { borderRadius: 99 } } } }, 'appearance.buttons.primary.borderRadius', /At most 40px/],
    ['narrow wrapper', { appearance: { wrapper: { desktopWidth: 100 } } }, 'appearance.wrapper.desktopWidth', /At least 320px/],
    ['bad GTM id', { flow: { gtmId: 'UA-1234' } }, 'flow.gtmId', /GTM-/],
    ['lower-case GTM id', { flow: { gtmId: 'gtm-abc123' } }, 'flow.gtmId', /GTM-/],
    ['javascript: redirect', { flow: { redirectUrl: 'javascript:alert(1)' } }, 'flow.redirectUrl', /javascript: are not allowed/],
    ['data: redirect', { flow: { redirectUrl: 'data:text/html,hi' } }, 'flow.redirectUrl', /data: are not allowed/],
    ['plain http redirect', { flow: { redirectUrl: 'http://partner.example/done' } }, 'flow.redirectUrl', /https/],
    ['relative redirect', { flow: { redirectUrl: '/done' } }, 'flow.redirectUrl', /full URL/],
    ['credentials in redirect', { flow: { redirectUrl: 'https://u:p@evil.example' } }, 'flow.redirectUrl', /user name or password/],
    ['http header image', { appearance: { headerImage: { url: 'http://cdn.example/logo.png' } } }, 'appearance.headerImage.url', /https/],
    ['javascript: header image', { appearance: { headerImage: { url: 'javascript:alert(1)' } } }, 'appearance.headerImage.url', /not allowed/],
    ['long brand name', { consent: { brandName: 'x'.repeat(81) } }, 'consent.brandName', /At most 80/],
    ['empty title', { consent: { title: '   ' } }, 'consent.title', /Required/],
    ['long purpose description', { consent: { purposes: [{ id: 'p', title: 't', description: 'd'.repeat(401) }] } }, 'consent.purposes.0.description', /At most 400/],
    ['unknown cluster', { consent: { permissions: [{ cluster: 'bank:everything:read' }] } }, 'consent.permissions.0.cluster', /scope/],
    ['duplicate cluster', { consent: { permissions: [{ cluster: 'bank:payees:read' }, { cluster: 'bank:payees:read' }] } }, 'consent.permissions.1.cluster', /twice/],
    ['purpose that does not exist', { consent: { permissions: [{ cluster: 'bank:payees:read', purpose: 'nope' }] } }, 'consent.permissions.0.purpose', /No purpose/],
    ['no purposes', { consent: { purposes: [] } }, 'consent.purposes', /at least one purpose/],
    ['bad revocation handling', { consent: { onRevocation: 'keep' } }, 'consent.onRevocation', /delete/],
    ['selected mode with nothing selected', { institutions: { mode: 'selected' } }, 'institutions.selected', /at least one/],
    ['unknown top-level key', { extra: true }, '', /Unknown field\(s\): extra/],
    ['unknown nested key', { flow: { redirect: 'https://x.example' } }, 'flow', /Unknown field\(s\): redirect/],
    ['wrong type', { flow: { skipSuccessScreen: 'yes' } }, 'flow.skipSuccessScreen', /boolean/],
  ];

  it.each(cases)('%s', (_name, input, path, message) => {
    expect(problemsOf(input)[path]).toMatch(message);
  });

  it('accepts http redirect URLs on localhost for development', () => {
    expect(parseConfig({ flow: { redirectUrl: 'http://localhost:3000/done' } }).flow.redirectUrl).toBe('http://localhost:3000/done');
  });

  it('reports several problems at once, each with its own path', () => {
    const problems = problemsOf({
      consent: { durationDays: 400, brandName: '' },
      appearance: { colors: { primary: 'red', background: '#12' } },
      flow: { gtmId: 'nope', redirectUrl: 'javascript:void(0)' },
    });
    expect(Object.keys(problems).sort()).toEqual([
      'appearance.colors.background', 'appearance.colors.primary', 'consent.brandName', 'consent.durationDays', 'flow.gtmId', 'flow.redirectUrl',
    ]);
  });

  it('reports cross-field problems together with field problems, not one round after another', () => {
    const purpose = { id: 'budget', title: 'Budgeting', description: 'See your spending' };
    const problems = problemsOf({
      consent: {
        durationDays: '',
        purposes: [purpose, { ...purpose }, { id: 'BAD ID', title: '', description: '' }],
        permissions: [{ cluster: 'bank:accounts.basic:read', required: true, purpose: 'nowhere' }, { cluster: 'bank:accounts.basic:read', required: false }, { cluster: 7 }],
      },
      institutions: { mode: 'selected', selected: [] },
      flow: { gtmId: 'nope' },
    });
    expect(problems['consent.durationDays']).toBeDefined();
    expect(problems['consent.purposes.1.id']).toBe('Purpose ids must be unique');
    expect(problems['consent.permissions.0.purpose']).toBe('No purpose with id "nowhere"');
    expect(problems['consent.permissions.1.cluster']).toBe('This data cluster is listed twice');
    expect(problems['consent.permissions.2.cluster']).toBeDefined();
    expect(problems['flow.gtmId']).toBeDefined();
    expect(problems['institutions.selected']).toBe('Select at least one institution, or show all');
  });

  it('throws a ConfigError carrying every problem', () => {
    expect(() => parseConfig({ consent: { durationDays: 0, retrievalSpanDays: 0 } })).toThrowError(ConfigError);
    try {
      parseConfig({ consent: { durationDays: 0, retrievalSpanDays: 0 } });
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});

describe('consent time zone and CDR policy', () => {
  it('takes IANA zones and refuses anything else with the path', () => {
    expect(parseConfig({ consent: { timeZone: 'Australia/Adelaide' } }).consent.timeZone).toBe('Australia/Adelaide');
    for (const zone of ['Mars/Olympus', 'AEST+10', '', '../etc']) {
      const problems = (() => {
        try {
          parseConfig({ consent: { timeZone: zone } });
          return [];
        } catch (error) {
          return (error as ConfigError).problems;
        }
      })();
      expect(problems.map((p) => p.path), zone).toEqual(['consent.timeZone']);
    }
  });

  it('refuses a CDR policy link that is not https', () => {
    expect(() => parseConfig({ consent: { cdrPolicyUrl: 'javascript:alert(1)' } })).toThrow(ConfigError);
    expect(parseConfig({ consent: { cdrPolicyUrl: 'https://budget.example/cdr' } }).consent.cdrPolicyUrl).toBe('https://budget.example/cdr');
  });
});

describe('round trip', () => {
  it('keeps a valid non-default config exactly', () => {
    const custom = {
      consent: {
        brandName: 'Budget Buddy', title: 'Link your accounts', subtitle: '',
        purposes: [{ id: 'lending', title: 'Loan assessment', description: 'To check your income and expenses for a loan.' }],
        permissions: [
          { cluster: 'bank:accounts.detail:read', required: true, purpose: 'lending' },
          { cluster: 'bank:regular_payments:read', required: false },
        ],
        durationDays: 90, retrievalSpanDays: 730, retainDataByDefault: true, onRevocation: 'deidentify',
        accreditation: { name: 'Budget Buddy Pty Ltd', number: 'ADRBNK000777' },
        cdrPolicyUrl: 'https://budget.example/cdr-policy',
        timeZone: 'Australia/Perth',
      },
      appearance: {
        headerImage: { url: 'https://cdn.budget.example/header.png', alwaysDisplay: true },
        font: { family: 'Inter', url: 'https://fonts.budget.example/inter.css' },
        colors: { primary: '#0A7B83', secondary: '#222222', text: '#F0F0F0', inactive: '#999999', success: '#00AA00', warning: '#FFAA00', failure: '#CC0000', background: '#101418', links: '#66CCFF', accreditation: '#3399FF' },
        typography: { headingSize: 28, paragraphSize: 15, lineHeight: 22 },
        buttons: { primary: { text: '#000000', background: '#66CCFF', borderRadius: 20 }, secondary: { text: '#FFFFFF', background: '#333333', borderRadius: 0 } },
        wrapper: { desktopWidth: 560 },
      },
      institutions: { mode: 'selected', selected: ['sandbox-bank', 'cba'] },
      flow: { skipSuccessScreen: true, allowMultipleConnections: true, gtmId: 'GTM-AB12CD3', redirectUrl: 'https://app.budget.example/done', referenceName: 'Budget Buddy', manageConsentUrl: 'https://app.budget.example/consents' },
    };
    const parsed = parseConfig(custom);
    expect(parsed).toEqual(custom);
    expect(parseConfig(JSON.parse(JSON.stringify(parsed)))).toEqual(custom);
  });
});

describe('configJsonSchema', () => {
  it('describes the four sections and their constraints', () => {
    const schema = configJsonSchema() as { properties: Record<string, { properties: Record<string, Record<string, unknown>> }>; additionalProperties: unknown };
    expect(Object.keys(schema.properties)).toEqual(['consent', 'appearance', 'institutions', 'flow']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.consent!.properties.durationDays).toMatchObject({ minimum: 1, maximum: 365, default: 365 });
  });
});
