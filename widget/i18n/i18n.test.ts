import { expect } from '@open-wc/testing';
import { enAU } from './en-AU.js';
import zhCN from './locales/zh-CN.js';
import { messagesFor, resolveLocale } from './catalogue.js';
import { act, journey, text } from '../testing/journey-fixtures.js';
import '../index.js';

describe('message catalogue', () => {
  it('has every en-AU message in zh-CN, of the same kind', () => {
    for (const [key, value] of Object.entries(enAU)) {
      const other = (zhCN as unknown as Record<string, unknown>)[key];
      expect(typeof other, key).to.equal(typeof value);
      if (Array.isArray(value)) expect((other as unknown[]).length, key).to.equal(value.length);
      if (typeof value === 'object' && !Array.isArray(value)) expect(Object.keys(other as object), key).to.have.members(Object.keys(value));
    }
  });

  it('resolves tags: exact, case-insensitive, by language, else en-AU', () => {
    expect(resolveLocale('zh-cn')).to.equal('zh-CN');
    expect(resolveLocale('zh')).to.equal('zh-CN');
    expect(resolveLocale('en-GB')).to.equal('en-AU');
    expect(resolveLocale('fr')).to.equal('en-AU');
    expect(messagesFor(undefined).messages).to.equal(enAU);
  });

  it('renders the journey in zh-CN from the locale attribute, the CDR data language included', async () => {
    const el = await journey({ consent: { permissions: [{ cluster: 'bank:transactions:read', required: true }] } }, { attrs: { locale: 'zh-CN' } });
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(text(el, '[data-action=continue]')).to.equal('继续');
    expect(text(el, '.accreditation')).to.contain('认证编号 ADRBNK000001');
    await act(el, 'continue');
    expect(text(el, '[data-action=agree]')).to.equal('我同意');
    expect(text(el, '.cluster__label')).to.equal('交易详情');
    expect(text(el, '.sharing-period')).to.contain('365 天').and.contain('年');
    await expect(el).to.be.accessible();
  });
});
