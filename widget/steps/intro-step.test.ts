import { expect } from '@open-wc/testing';
import { loadLocale } from '../i18n/catalogue.js';
import { journey, text } from '../testing/journey-fixtures.js';
import '../index.js';

const TITLE = { 'en-AU': 'Connect your bank', 'zh-CN': '连接您的银行' };
const SUBTITLE = { 'en-AU': 'Share your banking data securely.' };

describe('the intro step', () => {
  it('shows config text in the journey’s locale, falling back to en-AU where a locale has none', async () => {
    await loadLocale('zh-CN');
    const chinese = await journey({ consent: { title: TITLE, subtitle: SUBTITLE } }, { attrs: { locale: 'zh-CN' } });
    expect(text(chinese, '[part=title]')).to.equal('连接您的银行');
    expect(text(chinese, '[part=subtitle]')).to.equal('Share your banking data securely.');
    await expect(chinese).to.be.accessible();
    const english = await journey({ consent: { title: TITLE, subtitle: 'One text for every locale' } });
    expect(text(english, '[part=title]')).to.equal('Connect your bank');
    expect(text(english, '[part=subtitle]')).to.equal('One text for every locale');
  });
});
