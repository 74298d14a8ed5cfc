/**
 * The default config: the reference product's defaults (docs/contract.md §1). Plain data with no zod, so the
 * widget can fill in a partial config without shipping the validator. The zod schema takes its
 * defaults from here, and a test checks that `parseConfig({})` equals this object.
 */
export const DEFAULT_CONFIG = {
  consent: {
    brandName: 'Acme Money',
    title: 'Connect your bank',
    subtitle: 'Securely share your banking data to get budgeting insights.',
    purposes: [
      {
        id: 'budgeting',
        title: 'Budgeting insights',
        description: 'To show where your money goes each month and help you set a budget.',
      },
    ],
    // The reference editor's checkboxes: "Name, occupation, contact details", "Account name, type and
    // balance", "Account balance and details" and "Transaction details" start checked.
    permissions: [
      { cluster: 'common:customer.detail:read', required: true },
      { cluster: 'bank:accounts.basic:read', required: true },
      { cluster: 'bank:accounts.detail:read', required: true },
      { cluster: 'bank:transactions:read', required: true },
    ],
    durationDays: 365,
    retrievalSpanDays: 365,
    retainDataByDefault: false,
    onRevocation: 'delete',
    accreditation: { name: 'Acme Money Pty Ltd', number: 'ADRBNK000001' },
    /** The recipient's CDR policy (Rule 7.2): empty is allowed in a sandbox, never in production. */
    cdrPolicyUrl: '',
    /** The zone every date of a consent is stated in, to the consumer and on the receipt. */
    timeZone: 'Australia/Sydney',
  },
  appearance: {
    headerImage: { url: '', alwaysDisplay: false },
    font: { family: 'system', url: '' },
    colors: {
      primary: '#130F26',
      secondary: '#130F26',
      /** Headings and body text (15.8:1 on the default background; WCAG 1.4.3 asks 4.5:1). */
      text: '#1F2328',
      /** Hints and muted text: 5.28:1 on the default background (the earlier #7F888C gave 3.61:1). */
      inactive: '#656D71',
      success: '#4FC35A',
      warning: '#FABE34',
      failure: '#FE493F',
      background: '#FFFFFF',
      links: '#0459A8',
      accreditation: '#2784DA',
    },
    typography: { headingSize: 24, paragraphSize: 16, lineHeight: 24 },
    buttons: {
      primary: { text: '#FFFFFF', background: '#130F26', borderRadius: 8 },
      secondary: { text: '#130F26', background: '#FFFFFF', borderRadius: 8 },
    },
    wrapper: { desktopWidth: 480 },
  },
  institutions: { mode: 'all', selected: [] },
  flow: {
    skipSuccessScreen: false,
    allowMultipleConnections: false,
    gtmId: '',
    redirectUrl: '',
    referenceName: '',
    manageConsentUrl: '',
  },
} as const;

/** What a requested data cluster is when the config does not say: required (the widget never pre-selects an optional one). */
export const PERMISSION_DEFAULTS = { required: true } as const;

/** System font stacks a designer can pick by name; any other `font.family` is a custom (web) font name. */
export const FONT_STACKS = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  humanist: 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, sans-serif',
  geometric: 'Avenir, Montserrat, Corbel, "URW Gothic", source-sans-pro, sans-serif',
  serif: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif',
  monospace: 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, monospace',
} as const;

export type FontStackName = keyof typeof FONT_STACKS;
