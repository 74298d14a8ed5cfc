import { expect } from '@open-wc/testing';
import { INSTITUTIONS, institution } from '../testing/journey-fixtures.js';
import { editDistance, institutionIndex, normalise } from './institution-search.js';

const names = (query: string, list = INSTITUTIONS) => institutionIndex(list).search(query).map((i) => i.id);

describe('institution search', () => {
  it('finds Commonwealth Bank by "comm bank", "commbank", its short name and a typo', () => {
    for (const query of ['comm bank', 'commbank', 'CommBank', 'commonwelth', 'Comonwealth Bank', 'cmomonwealth']) {
      expect(names(query)[0], query).to.equal('cba');
    }
  });

  it('keeps every institution for an empty query, in the list order', () => {
    expect(names('  ')).to.deep.equal(INSTITUTIONS.map((i) => i.id));
  });

  it('requires every word to match, and finds nothing for nonsense', () => {
    expect(names('sandbox credit')).to.deep.equal(['sandbox-credit-union']);
    expect(names('zzqx')).to.deep.equal([]);
  });

  it('ranks exact and prefix matches before typos', () => {
    expect(names('sandbox')).to.have.members(['sandbox-bank', 'sandbox-credit-union', 'sandbox-offline-bank']);
    expect(names('anz')[0]).to.equal('anz');
  });

  it('normalises accents and punctuation; counts a swap as one edit', () => {
    expect(normalise('St.George  Bánk')).to.equal('st george bank');
    expect(editDistance('bnak', 'bank')).to.equal(1);
    expect(editDistance('kitten', 'sitting')).to.equal(3);
  });

  it('folds case and Latin accents both ways: "societe" finds "Société Générale", "SOCIÉTÉ" too', () => {
    const list = [institution('sg', 'Société Générale'), institution('cba', 'Commonwealth Bank')];
    for (const query of ['societe', 'Société', 'SOCIÉTÉ', 'generale']) expect(names(query, list), query).to.deep.equal(['sg']);
    expect(normalise('ＡＮＺ')).to.equal('anz');
  });

  it('keeps CJK and other scripts: "联邦" finds 联邦银行, and no Latin-only bank matches it', () => {
    const list = [
      institution('cba', 'Commonwealth Bank', { shortName: 'CommBank' }),
      institution('cba-zh', '联邦银行', { shortName: '联邦' }),
      institution('boc', '中国银行'),
      institution('alpha', 'Άλφα Τράπεζα'),
    ];
    expect(normalise('联邦银行')).to.equal('联邦银行');
    expect(names('联邦', list)).to.deep.equal(['cba-zh']);
    expect(names('银行', list)).to.have.members(['cba-zh', 'boc']);
    expect(names('άλφα', list)).to.deep.equal(['alpha']);
    expect(names('αλφα', list)).to.deep.equal(['alpha']);
  });

  it('finds the right bank among 250 look-alikes, letter by letter (its speed: scripts/bench-institutions.mjs)', () => {
    const many = Array.from({ length: 250 }, (_, i) => institution(`bank-${i}`, `Regional Mutual Bank Number ${i}`, { shortName: `RMB ${i}` }));
    many.push(institution('cba', 'Commonwealth Bank', { shortName: 'CommBank' }));
    const index = institutionIndex(many);
    let found: string[] = [];
    for (const query of ['c', 'co', 'com', 'comm', 'comm ', 'comm b', 'comm ba', 'comm ban', 'comm bank']) found = index.search(query).map((i) => i.id);
    expect(found[0]).to.equal('cba');
    expect(index.search('rmb 12').map((i) => i.id)[0]).to.equal('bank-12');
  });
});
