import { expect } from '@open-wc/testing';
import { DATA_LANGUAGE_ROWS } from '../../schema/cdr/cluster-labels.js';
import { enAU } from './en-AU.js';
import zhCN from './locales/zh-CN.js';

// The standard's tables mark rows and examples ("*", "‡", "†") and end list items with ";": notation
// for implementers that no consumer should read, in any language (scripts/derive-data-language.mjs).
const MARKERS = /[*†‡;；]/;

describe('the data language, in every locale', () => {
  const strings = [...new Set(DATA_LANGUAGE_ROWS.flatMap((row) => [row.label, ...row.permissions]))];

  it('walks every cluster label and permission line: no table marker or list punctuation, in en-AU or zh-CN', () => {
    expect(strings.length).to.be.greaterThan(80);
    expect(enAU.dataLanguage, 'en-AU shows the standard’s own words').to.equal(undefined);
    for (const english of strings) {
      const chinese = zhCN.dataLanguage?.[english];
      expect(english, english).not.to.match(MARKERS);
      expect(chinese, `zh-CN for "${english}"`).to.be.a('string');
      expect(chinese, english).not.to.match(MARKERS);
      expect(chinese, english).to.match(/[\u4e00-\u9fff]/);
    }
  });

  it('has no zh-CN entry for words the standard does not use (a renamed row would go untranslated)', () => {
    expect(Object.keys(zhCN.dataLanguage!)).to.have.members(strings);
  });
});
