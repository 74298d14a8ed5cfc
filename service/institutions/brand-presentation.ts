/**
 * How this recipient presents the data holder brands the CDR Register lists (service/institutions/
 * register-sync.ts): the short name on its tiles, the tier it groups them by (1 the major banks, 2 other
 * large banks and brands, 3 mutual banks and credit unions), and which are the sandbox's. Who the brands
 * are, where they are and how they are doing is the Register's and the holders' to say, not this file's;
 * a brand not named here is shown by its Register name, in tier 3.
 */
export interface BrandPresentation {
  readonly shortName: string;
  readonly tier: 1 | 2 | 3;
  readonly sandbox?: true;
}

export const BRAND_PRESENTATION: Readonly<Record<string, BrandPresentation>> = {
  'sandbox-bank': { shortName: 'Sandbox Bank', tier: 1, sandbox: true },
  'sandbox-credit-union': { shortName: 'Sandbox CU', tier: 3, sandbox: true },
  'sandbox-offline-bank': { shortName: 'Sandbox Offline', tier: 2, sandbox: true },
  'cba': { shortName: 'CommBank', tier: 1 },
  'westpac': { shortName: 'Westpac', tier: 1 },
  'anz': { shortName: 'ANZ', tier: 1 },
  'nab': { shortName: 'NAB', tier: 1 },
  'macquarie': { shortName: 'Macquarie', tier: 2 },
  'ing': { shortName: 'ING', tier: 2 },
  'ubank': { shortName: 'ubank', tier: 2 },
  'st-george': { shortName: 'St.George', tier: 2 },
  'bank-of-melbourne': { shortName: 'Bank of Melbourne', tier: 2 },
  'banksa': { shortName: 'BankSA', tier: 2 },
  'bankwest': { shortName: 'Bankwest', tier: 2 },
  'bendigo': { shortName: 'Bendigo', tier: 2 },
  'boq': { shortName: 'BOQ', tier: 2 },
  'me-bank': { shortName: 'ME', tier: 2 },
  'suncorp': { shortName: 'Suncorp', tier: 2 },
  'amp': { shortName: 'AMP', tier: 2 },
  'hsbc': { shortName: 'HSBC', tier: 2 },
  'rabobank': { shortName: 'Rabobank', tier: 2 },
  'judo': { shortName: 'Judo', tier: 2 },
  'great-southern': { shortName: 'Great Southern', tier: 2 },
  'newcastle-permanent': { shortName: 'Newcastle Permanent', tier: 2 },
  'mystate': { shortName: 'MyState', tier: 2 },
  'auswide': { shortName: 'Auswide', tier: 2 },
  'bank-australia': { shortName: 'Bank Australia', tier: 3 },
  'beyond-bank': { shortName: 'Beyond Bank', tier: 3 },
  'teachers-mutual': { shortName: 'Teachers Mutual', tier: 3 },
  'imb': { shortName: 'IMB', tier: 3 },
  'bankfirst': { shortName: 'Bank First', tier: 3 },
  'defence-bank': { shortName: 'Defence Bank', tier: 3 },
  'australian-military-bank': { shortName: 'Military Bank', tier: 3 },
  'qudos': { shortName: 'Qudos', tier: 3 },
  'p-and-n-bank': { shortName: 'P&N Bank', tier: 3 },
  'hume': { shortName: 'Hume', tier: 3 },
  'regional-australia-bank': { shortName: 'Regional Australia', tier: 3 },
  'police-bank': { shortName: 'Police Bank', tier: 3 },
  'bcu': { shortName: 'bcu', tier: 3 },
  'unity-bank': { shortName: 'Unity', tier: 3 },
  'summerland': { shortName: 'Summerland', tier: 3 },
  'gateway': { shortName: 'Gateway', tier: 3 },
  'community-first': { shortName: 'Community First', tier: 3 },
  'queensland-country': { shortName: 'QCB', tier: 3 },
  'greater-bank': { shortName: 'Greater', tier: 3 },
  'police-credit-union': { shortName: 'Police CU', tier: 3 },
};
