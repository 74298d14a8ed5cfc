import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { Institution } from '../../schema/api/institution.js';
import type { ConsentJourney } from '../consent-journey/consent-journey.js';
import { loadLocale } from '../i18n/catalogue.js';
import { act, institution, instantPreview, journey, shadow } from '../testing/journey-fixtures.js';
import '../index.js';

// The service's wording (the Register's names, service/institutions/brand-presentation.ts), as the list arrives.
const SLOW = 'Connections are slower than usual: the data holder is answering slowly.';
const MAINTENANCE = 'The data holder is unavailable for scheduled maintenance.';

const BANKS: Institution[] = [
  institution('sandbox-bank', 'Sandbox Bank', { sandbox: true }),
  institution('sandbox-offline-bank', 'Sandbox Offline Bank', { shortName: 'Sandbox Offline', sandbox: true, status: 'down', statusReason: MAINTENANCE }),
  institution('sandbox-credit-union', 'Sandbox Credit Union', { shortName: 'Sandbox CU', sandbox: true, status: 'degraded', statusReason: SLOW }),
  institution('cba', 'Commonwealth Bank', { shortName: 'CommBank' }),
  institution('westpac', 'Westpac', { status: 'down', statusReason: 'Outage' }),
  institution('anz', 'Australia and New Zealand Banking Group', { shortName: 'ANZ' }),
  institution('nab', 'National Australia Bank', { shortName: 'NAB' }),
  institution('macquarie', 'Macquarie Bank', { shortName: 'Macquarie' }),
  institution('ing', 'ING'),
  institution('ubank', 'ubank'),
];

async function institutionStep(attrs: Record<string, string> = {}) {
  await loadLocale(attrs.locale);
  const el = await journey({}, { backend: instantPreview({ listInstitutions: async () => BANKS }), attrs });
  await act(el, 'continue');
  await act(el, 'agree');
  expect(el.currentStep).to.equal('institution');
  return el;
}

const ids = (el: ConsentJourney) => [...shadow(el).querySelectorAll('.institution')].map((b) => b.getAttribute('data-id'));

describe('the institution step', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('shows more than three banks at once on a desktop window', async () => {
    await setViewport({ width: 1280, height: 800 });
    const el = await institutionStep();
    const list = shadow(el).querySelector('.institutions')!.getBoundingClientRect();
    const whole = [...shadow(el).querySelectorAll('.institutions li')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.height > 0 && r.top >= list.top && r.bottom <= list.bottom + 1;
    });
    expect(whole.length).to.be.greaterThan(4);
    await expect(el).to.be.accessible();
  });

  it('lists banks that are down after the available ones, otherwise in their order', async () => {
    const el = await institutionStep();
    expect(ids(el)).to.deep.equal(['sandbox-bank', 'sandbox-credit-union', 'cba', 'anz', 'nab', 'macquarie', 'ing', 'ubank', 'sandbox-offline-bank', 'westpac']);
    const search = shadow(el).querySelector<HTMLInputElement>('input[type=search]')!;
    search.value = 'sandbox';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(ids(el).at(-1)).to.equal('sandbox-offline-bank');
  });

  it('gives the service’s status reasons in English', async () => {
    const el = await institutionStep();
    expect(shadow(el).querySelector('[data-id="sandbox-offline-bank"] .status-badge')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Unavailable: ${MAINTENANCE}`);
    expect(shadow(el).querySelector('[data-id="westpac"] .status-badge')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Unavailable: Outage');
  });

  it('translates known status reasons in zh-CN and leaves out the ones it cannot translate', async () => {
    const el = await institutionStep({ locale: 'zh-CN' });
    const badge = (id: string) => shadow(el).querySelector(`[data-id="${id}"] .status-badge`)!.textContent!.replace(/\s+/g, ' ').trim();
    expect(badge('sandbox-offline-bank')).to.equal('暂不可用: 数据持有方正在进行计划维护，暂不可用。');
    expect(badge('sandbox-credit-union')).to.equal('目前响应较慢: 连接比平时慢：数据持有方响应缓慢。');
    expect(badge('westpac')).to.equal('暂不可用');
    expect(shadow(el).textContent).not.to.contain('scheduled maintenance');
    await expect(el).to.be.accessible();
  });
});
