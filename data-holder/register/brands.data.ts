/**
 * The Register's catalogue of banking data holder brands: Australian banks and credit unions that are
 * CDR data holders (brands as end users know them), plus the sandbox's own brands. Every brand is served
 * by the one sandbox authorisation server; colours only tint the generated monogram logos.
 */
export interface BrandEntry {
  /** The Data Holder Brand ID (at most 36 characters, as the Register's). */
  readonly id: string;
  readonly name: string;
  /** What the monogram is made from. */
  readonly shortName: string;
  readonly color: string;
  readonly sandbox?: true;
  /**
   * The status the brand's Get Status answers with (CDS Common: Get Status), so recipients can exercise
   * every one; OK when absent.
   */
  readonly outage?: { readonly status: 'PARTIAL_FAILURE' | 'UNAVAILABLE' | 'SCHEDULED_OUTAGE'; readonly explanation: string };
}

export const SANDBOX_BRANDS: readonly BrandEntry[] = [
  { id: 'sandbox-bank', name: 'Sandbox Bank', shortName: 'Sandbox Bank', color: '#2784DA', sandbox: true },
  {
    id: 'sandbox-credit-union',
    name: 'Sandbox Credit Union',
    shortName: 'Sandbox CU',
    color: '#4FC35A',
    sandbox: true,
    outage: { status: 'PARTIAL_FAILURE', explanation: 'Connections are slower than usual: the data holder is answering slowly.' },
  },
  {
    id: 'sandbox-offline-bank',
    name: 'Sandbox Offline Bank',
    shortName: 'Sandbox Offline',
    color: '#7F888C',
    sandbox: true,
    outage: { status: 'SCHEDULED_OUTAGE', explanation: 'The data holder is unavailable for scheduled maintenance.' },
  },
];

export const AUSTRALIAN_BRANDS: readonly BrandEntry[] = [
  { id: 'cba', name: 'Commonwealth Bank', shortName: 'CommBank', color: '#FFCC00' },
  { id: 'westpac', name: 'Westpac', shortName: 'Westpac', color: '#D5002B' },
  { id: 'anz', name: 'ANZ', shortName: 'ANZ', color: '#004165' },
  { id: 'nab', name: 'National Australia Bank', shortName: 'NAB', color: '#C20000' },
  { id: 'macquarie', name: 'Macquarie Bank', shortName: 'Macquarie', color: '#000000' },
  { id: 'ing', name: 'ING', shortName: 'ING', color: '#FF6200' },
  { id: 'ubank', name: 'ubank', shortName: 'ubank', color: '#4D2FD6' },
  { id: 'st-george', name: 'St.George Bank', shortName: 'St.George', color: '#E30613' },
  { id: 'bank-of-melbourne', name: 'Bank of Melbourne', shortName: 'Bank of Melbourne', color: '#5C2D91' },
  { id: 'banksa', name: 'BankSA', shortName: 'BankSA', color: '#00468B' },
  { id: 'bankwest', name: 'Bankwest', shortName: 'Bankwest', color: '#FFD200' },
  { id: 'bendigo', name: 'Bendigo Bank', shortName: 'Bendigo', color: '#8A1538' },
  { id: 'boq', name: 'Bank of Queensland', shortName: 'BOQ', color: '#00263E' },
  { id: 'me-bank', name: 'ME Bank', shortName: 'ME', color: '#1E1E50' },
  { id: 'suncorp', name: 'Suncorp Bank', shortName: 'Suncorp', color: '#007A6E' },
  { id: 'amp', name: 'AMP Bank', shortName: 'AMP', color: '#1C3664' },
  { id: 'hsbc', name: 'HSBC Australia', shortName: 'HSBC', color: '#DB0011' },
  { id: 'rabobank', name: 'Rabobank Australia', shortName: 'Rabobank', color: '#000099' },
  { id: 'judo', name: 'Judo Bank', shortName: 'Judo', color: '#1A1F71' },
  { id: 'great-southern', name: 'Great Southern Bank', shortName: 'Great Southern', color: '#00A3AD' },
  { id: 'heritage-peoples', name: "Heritage and People's Choice", shortName: "People's Choice", color: '#0072CE' },
  { id: 'newcastle-permanent', name: 'Newcastle Permanent', shortName: 'Newcastle Permanent', color: '#003DA5' },
  { id: 'mystate', name: 'MyState Bank', shortName: 'MyState', color: '#00A9E0' },
  { id: 'auswide', name: 'Auswide Bank', shortName: 'Auswide', color: '#E4002B' },
  { id: 'bank-australia', name: 'Bank Australia', shortName: 'Bank Australia', color: '#00A651' },
  { id: 'beyond-bank', name: 'Beyond Bank Australia', shortName: 'Beyond Bank', color: '#6D2077' },
  { id: 'teachers-mutual', name: 'Teachers Mutual Bank', shortName: 'Teachers Mutual', color: '#E35205' },
  { id: 'imb', name: 'IMB Bank', shortName: 'IMB', color: '#00305E' },
  { id: 'bankfirst', name: 'Bank First', shortName: 'Bank First', color: '#0055A5' },
  { id: 'defence-bank', name: 'Defence Bank', shortName: 'Defence Bank', color: '#002F6C' },
  { id: 'australian-military-bank', name: 'Australian Military Bank', shortName: 'Military Bank', color: '#4B5320' },
  { id: 'qudos', name: 'Qudos Bank', shortName: 'Qudos', color: '#7B2C83' },
  { id: 'p-and-n-bank', name: 'P&N Bank', shortName: 'P&N Bank', color: '#00205B' },
  { id: 'hume', name: 'Hume Bank', shortName: 'Hume', color: '#0096D6' },
  { id: 'regional-australia-bank', name: 'Regional Australia Bank', shortName: 'Regional Australia', color: '#006341' },
  { id: 'police-bank', name: 'Police Bank', shortName: 'Police Bank', color: '#0A2240' },
  { id: 'bcu', name: 'bcu Bank', shortName: 'bcu', color: '#E31837' },
  { id: 'unity-bank', name: 'Unity Bank', shortName: 'Unity', color: '#2E3192' },
  { id: 'summerland', name: 'Summerland Bank', shortName: 'Summerland', color: '#F7941D' },
  { id: 'gateway', name: 'Gateway Bank', shortName: 'Gateway', color: '#005EB8' },
  { id: 'community-first', name: 'Community First Bank', shortName: 'Community First', color: '#5B2C86' },
  { id: 'queensland-country', name: 'Queensland Country Bank', shortName: 'QCB', color: '#00857C' },
  { id: 'greater-bank', name: 'Greater Bank', shortName: 'Greater', color: '#00539F' },
  { id: 'police-credit-union', name: 'Police Credit Union', shortName: 'Police CU', color: '#1B365D' },
];

/** The whole catalogue, sandbox brands first. */
export const BRANDS: readonly BrandEntry[] = [...SANDBOX_BRANDS, ...AUSTRALIAN_BRANDS];
