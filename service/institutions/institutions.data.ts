/**
 * The seeded catalogue: Australian banks and credit unions that are CDR data holders (brands as
 * end users know them), plus the sandbox data holders. Colours only tint the generated monograms.
 * Tier: 1 the major banks, 2 other large banks and brands, 3 mutual banks and credit unions.
 */
export interface CatalogueEntry {
  readonly id: string;
  readonly name: string;
  readonly shortName: string;
  readonly tier: 1 | 2 | 3;
  readonly color: string;
  readonly sandbox?: true;
  /** Seeded status for the sandbox holders, so every status can be exercised (operational when absent). */
  readonly status?: { readonly status: 'degraded' | 'down'; readonly reason: string };
}

export const SANDBOX_INSTITUTIONS: readonly CatalogueEntry[] = [
  { id: 'sandbox-bank', name: 'Sandbox Bank', shortName: 'Sandbox Bank', tier: 1, color: '#2784DA', sandbox: true },
  {
    id: 'sandbox-credit-union',
    name: 'Sandbox Credit Union',
    shortName: 'Sandbox CU',
    tier: 3,
    color: '#4FC35A',
    sandbox: true,
    status: { status: 'degraded', reason: 'Connections are slower than usual: the data holder is answering slowly.' },
  },
  {
    id: 'sandbox-offline-bank',
    name: 'Sandbox Offline Bank',
    shortName: 'Sandbox Offline',
    tier: 2,
    color: '#7F888C',
    sandbox: true,
    status: { status: 'down', reason: 'The data holder is unavailable for scheduled maintenance.' },
  },
];

export const AUSTRALIAN_INSTITUTIONS: readonly CatalogueEntry[] = [
  { id: 'cba', name: 'Commonwealth Bank', shortName: 'CommBank', tier: 1, color: '#FFCC00' },
  { id: 'westpac', name: 'Westpac', shortName: 'Westpac', tier: 1, color: '#D5002B' },
  { id: 'anz', name: 'ANZ', shortName: 'ANZ', tier: 1, color: '#004165' },
  { id: 'nab', name: 'National Australia Bank', shortName: 'NAB', tier: 1, color: '#C20000' },
  { id: 'macquarie', name: 'Macquarie Bank', shortName: 'Macquarie', tier: 2, color: '#000000' },
  { id: 'ing', name: 'ING', shortName: 'ING', tier: 2, color: '#FF6200' },
  { id: 'ubank', name: 'ubank', shortName: 'ubank', tier: 2, color: '#4D2FD6' },
  { id: 'st-george', name: 'St.George Bank', shortName: 'St.George', tier: 2, color: '#E30613' },
  { id: 'bank-of-melbourne', name: 'Bank of Melbourne', shortName: 'Bank of Melbourne', tier: 2, color: '#5C2D91' },
  { id: 'banksa', name: 'BankSA', shortName: 'BankSA', tier: 2, color: '#00468B' },
  { id: 'bankwest', name: 'Bankwest', shortName: 'Bankwest', tier: 2, color: '#FFD200' },
  { id: 'bendigo', name: 'Bendigo Bank', shortName: 'Bendigo', tier: 2, color: '#8A1538' },
  { id: 'boq', name: 'Bank of Queensland', shortName: 'BOQ', tier: 2, color: '#00263E' },
  { id: 'me-bank', name: 'ME Bank', shortName: 'ME', tier: 2, color: '#1E1E50' },
  { id: 'suncorp', name: 'Suncorp Bank', shortName: 'Suncorp', tier: 2, color: '#007A6E' },
  { id: 'amp', name: 'AMP Bank', shortName: 'AMP', tier: 2, color: '#1C3664' },
  { id: 'hsbc', name: 'HSBC Australia', shortName: 'HSBC', tier: 2, color: '#DB0011' },
  { id: 'rabobank', name: 'Rabobank Australia', shortName: 'Rabobank', tier: 2, color: '#000099' },
  { id: 'judo', name: 'Judo Bank', shortName: 'Judo', tier: 2, color: '#1A1F71' },
  { id: 'great-southern', name: 'Great Southern Bank', shortName: 'Great Southern', tier: 2, color: '#00A3AD' },
  { id: 'heritage-peoples', name: "Heritage and People's Choice", shortName: "People's Choice", tier: 2, color: '#0072CE' },
  { id: 'newcastle-permanent', name: 'Newcastle Permanent', shortName: 'Newcastle Permanent', tier: 2, color: '#003DA5' },
  { id: 'mystate', name: 'MyState Bank', shortName: 'MyState', tier: 2, color: '#00A9E0' },
  { id: 'auswide', name: 'Auswide Bank', shortName: 'Auswide', tier: 2, color: '#E4002B' },
  { id: 'bank-australia', name: 'Bank Australia', shortName: 'Bank Australia', tier: 3, color: '#00A651' },
  { id: 'beyond-bank', name: 'Beyond Bank Australia', shortName: 'Beyond Bank', tier: 3, color: '#6D2077' },
  { id: 'teachers-mutual', name: 'Teachers Mutual Bank', shortName: 'Teachers Mutual', tier: 3, color: '#E35205' },
  { id: 'imb', name: 'IMB Bank', shortName: 'IMB', tier: 3, color: '#00305E' },
  { id: 'bankfirst', name: 'Bank First', shortName: 'Bank First', tier: 3, color: '#0055A5' },
  { id: 'defence-bank', name: 'Defence Bank', shortName: 'Defence Bank', tier: 3, color: '#002F6C' },
  { id: 'australian-military-bank', name: 'Australian Military Bank', shortName: 'Military Bank', tier: 3, color: '#4B5320' },
  { id: 'qudos', name: 'Qudos Bank', shortName: 'Qudos', tier: 3, color: '#7B2C83' },
  { id: 'p-and-n-bank', name: 'P&N Bank', shortName: 'P&N Bank', tier: 3, color: '#00205B' },
  { id: 'hume', name: 'Hume Bank', shortName: 'Hume', tier: 3, color: '#0096D6' },
  { id: 'regional-australia-bank', name: 'Regional Australia Bank', shortName: 'Regional Australia', tier: 3, color: '#006341' },
  { id: 'police-bank', name: 'Police Bank', shortName: 'Police Bank', tier: 3, color: '#0A2240' },
  { id: 'bcu', name: 'bcu Bank', shortName: 'bcu', tier: 3, color: '#E31837' },
  { id: 'unity-bank', name: 'Unity Bank', shortName: 'Unity', tier: 3, color: '#2E3192' },
  { id: 'summerland', name: 'Summerland Bank', shortName: 'Summerland', tier: 3, color: '#F7941D' },
  { id: 'gateway', name: 'Gateway Bank', shortName: 'Gateway', tier: 3, color: '#005EB8' },
  { id: 'community-first', name: 'Community First Bank', shortName: 'Community First', tier: 3, color: '#5B2C86' },
  { id: 'queensland-country', name: 'Queensland Country Bank', shortName: 'QCB', tier: 3, color: '#00857C' },
  { id: 'greater-bank', name: 'Greater Bank', shortName: 'Greater', tier: 3, color: '#00539F' },
  { id: 'police-credit-union', name: 'Police Credit Union', shortName: 'Police CU', tier: 3, color: '#1B365D' },
];
