import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ConsentJourney } from './consent-journey.js';
import '../index.js';
import { JourneyError } from '../backend/journey-backend.js';
import { instantPreview, recordEvents, settle } from '../testing/journey-fixtures.js';

const shadow = (el: ConsentJourney) => el.shadowRoot!;
const text = (el: ConsentJourney, selector: string) => shadow(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

async function journeyWith(config: object) {
  const el = await fixture<ConsentJourney>(html`<consent-journey preview .config=${config}></consent-journey>`);
  await el.updateComplete;
  return el;
}

async function toConsentStep(el: ConsentJourney) {
  shadow(el).querySelector<HTMLButtonElement>('[part=button-primary]')!.click();
  await el.updateComplete;
}

describe('<consent-journey> from a config object', () => {
  it('renders the intro from the config, as text', async () => {
    const el = await journeyWith({ consent: { brandName: '<b>Budget</b> Buddy', title: 'Link your bank', subtitle: 'Fast and safe' } });
    expect(text(el, '.brand')).to.equal('<b>Budget</b> Buddy');
    expect(shadow(el).querySelector('.brand b')).to.equal(null);
    expect(text(el, '[part=title]')).to.equal('Link your bank');
    expect(text(el, '.subtitle')).to.equal('Fast and safe');
    expect(text(el, '.accreditation')).to.contain('accreditation number ADRBNK000001');
    // A short "how it works" before any data is asked for.
    expect([...shadow(el).querySelectorAll('.how-it-works li')].map((li) => li.textContent!.trim())).to.have.length(3);
    expect(text(el, '.how-it-works')).to.contain('one-time password at your bank');
    await expect(el).to.be.accessible();
  });

  it('states purposes, clusters in the official language, duration and history with dates', async () => {
    const el = await journeyWith({
      consent: {
        durationDays: 90,
        retrievalSpanDays: 30,
        purposes: [{ id: 'loans', title: 'Loan check', description: 'To assess your loan.' }],
        permissions: [{ cluster: 'bank:accounts.detail:read', required: true, purpose: 'loans' }, { cluster: 'bank:payees:read', required: false }],
      },
    });
    await toConsentStep(el);
    expect(text(el, '.purposes')).to.contain('Loan check').and.contain('To assess your loan.');
    const clusters = [...shadow(el).querySelectorAll('.cluster')];
    expect(clusters.map((c) => c.querySelector('.cluster__label')!.textContent!.trim())).to.deep.equal(['Account balance and details', 'Saved payees']);
    expect(clusters[0]!.textContent).to.contain('Used for: Loan check');
    const end = new Date(Date.now() + 90 * 86_400_000).toLocaleDateString('en-AU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Australia/Sydney' });
    const from = new Date(Date.now() - 30 * 86_400_000).toLocaleDateString('en-AU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Australia/Sydney' });
    expect(text(el, '.sharing-period')).to.contain('90 days').and.contain(`until ${end}`);
    expect(text(el, '.historical-range')).to.contain(`back to ${from}`).and.contain('30 days');
    await expect(el).to.be.accessible();
  });

  it('never pre-selects an optional cluster and lists its permissions in a disclosure', async () => {
    const el = await journeyWith({ consent: { permissions: [{ cluster: 'bank:transactions:read', required: false }] } });
    await toConsentStep(el);
    const checkbox = shadow(el).querySelector<HTMLInputElement>('.cluster input[type=checkbox]')!;
    expect(checkbox.checked).to.equal(false);
    const details = shadow(el).querySelector('details')!;
    expect(details.open).to.equal(false);
    details.querySelector('summary')!.click();
    expect(details.open).to.equal(true);
    expect(details.querySelector('ul')!.textContent).to.contain('Incoming and outgoing transactions');
  });

  it('states the data handling the config sets', async () => {
    const el = await journeyWith({ consent: { onRevocation: 'deidentify', retainDataByDefault: true } });
    await toConsentStep(el);
    expect(text(el, '.on-revocation')).to.contain('de-identify');
    expect(text(el, '.retention')).to.contain('keep your data for the sharing period');
    // How to withdraw (Rule 4.11(3)(g)), with the partner's own instructions when the config links them.
    expect(text(el, '.withdraw')).to.equal("You can withdraw your consent at any time in Acme Money's consent dashboard, or by contacting Acme Money.");
    expect(shadow(el).querySelector('a[href="https://partner.example/consents"]'), 'no link unless configured').to.equal(null);
    const linked = await journeyWith({ flow: { manageConsentUrl: 'https://partner.example/consents' } });
    await toConsentStep(linked);
    const link = shadow(linked).querySelector<HTMLAnchorElement>('a[href="https://partner.example/consents"]')!;
    expect(link.textContent).to.equal('How to manage your consent');
    expect(link.rel).to.contain('noopener');
  });

  it('moves focus to the new step heading', async () => {
    const el = await journeyWith({});
    await toConsentStep(el);
    expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('.step-heading'));
  });
});

describe('<consent-journey> theme', () => {
  it('applies appearance colours, sizes and radius to the computed styles', async () => {
    const el = await journeyWith({
      appearance: {
        colors: { background: '#FAFAF0', primary: '#0A3D62', text: '#222233' },
        typography: { headingSize: 30 },
        buttons: { primary: { background: '#B00020', text: '#FFFFFF', borderRadius: 20 } },
      },
    });
    const button = shadow(el).querySelector<HTMLElement>('[part=button-primary]')!;
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(250, 250, 240)');
    // Text takes the text colour, not the brand colour.
    expect(getComputedStyle(el).color).to.equal('rgb(34, 34, 51)');
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(176, 0, 32)');
    expect(getComputedStyle(button).borderTopLeftRadius).to.equal('20px');
    expect(getComputedStyle(shadow(el).querySelector('[part=title]')!).fontSize).to.equal('30px');
  });

  it('keeps text legible on a dark background', async () => {
    const el = await journeyWith({ appearance: { colors: { background: '#101418' } } });
    expect(getComputedStyle(el).color).to.equal('rgb(255, 255, 255)');
    await expect(el).to.be.accessible();
  });

  it('lets the host page override a --consent-* property from outside', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <style>.branded consent-journey { --consent-button-primary-background: #00ff00; }</style>
      <div class="branded"><consent-journey preview .config=${{}}></consent-journey></div>
    </div>`);
    const el = wrapper.querySelector('consent-journey')!;
    await el.updateComplete;
    expect(getComputedStyle(shadow(el).querySelector('[part=button-primary]')!).backgroundColor).to.equal('rgb(0, 255, 0)');
  });
});

describe('<consent-journey> updates', () => {
  it('re-renders when the config property changes', async () => {
    const el = await journeyWith({ consent: { title: 'First' } });
    el.config = { consent: { title: 'Second' }, appearance: { colors: { background: '#000000' } } };
    await el.updateComplete;
    await el.updateComplete;
    expect(text(el, '[part=title]')).to.equal('Second');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(0, 0, 0)');
  });
});

/**
 * A journey on the test service, its attributes set before it connects (as a partner's markup has them);
 * resolves with the element once it has fired `event`, and the event.
 */
async function onService(attrs: Record<string, string>, event: 'consent-ready' | 'consent-error') {
  const el = document.createElement('consent-journey');
  el.service = location.origin;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  const fired = oneEvent(el, event);
  document.body.append(el);
  return { el, event: await fired };
}

describe('<consent-journey> with the service', () => {
  it('fires nothing before consent-ready, even an outcome known before the config has loaded', async () => {
    const el = document.createElement('consent-journey');
    el.service = location.origin;
    el.setAttribute('app', 'demo');
    // Back from the bank with a result the service cannot find: known before the config arrives.
    el.backend = {
      ...instantPreview(),
      kind: 'live',
      returnedResult: () => 'res_gone',
      forgetResult: () => {},
      resolveResult: () => Promise.reject(new JourneyError('unknown', 'Result not found', false)),
    };
    const seen = recordEvents(el);
    document.body.append(el);
    await oneEvent(el, 'consent-ready');
    await settle(el);
    expect(seen.map((e) => e.type)).to.deep.equal(['consent-ready', 'consent-step', 'consent-error']);
    expect(seen[1]!.detail).to.deep.equal({ step: 'progress' });
    el.remove();
    sessionStorage.clear();
  });

  it('fetches and renders the published config of an app', async () => {
    const { el } = await onService({ app: 'demo' }, 'consent-ready');
    expect(text(el, '.brand')).to.equal('Acme Money');
    el.remove();
  });

  it('shows an error state and fires consent-error for an unknown app', async () => {
    const { el, event } = await onService({ app: 'no-such-app' }, 'consent-error');
    expect(event.detail.code).to.equal('config-not-found');
    // The partner's developer gets the exact cause; the end user gets the catalogue's explanation.
    expect(event.detail.message).to.contain('No published config for application "no-such-app"');
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    const alert = shadow(el).querySelector('[role=alert]')!.textContent!;
    expect(alert).to.contain('This page is not set up yet');
    expect(alert).not.to.contain('no-such-app');
    el.remove();
  });

  it('explains a failure in the end user\'s language, never in the developer\'s wording', async () => {
    const { el } = await onService({ app: 'no-such-app', locale: 'zh-CN' }, 'consent-error');
    await settle(el);
    const alert = shadow(el).querySelector('[role=alert]')!.textContent!;
    expect(alert).to.contain('此页面尚未设置');
    expect(alert).not.to.match(/[A-Za-z]{4,}/);
    el.remove();
  });
});

describe('<consent-journey> preview with the real institution list', () => {
  afterEach(() => sessionStorage.clear());

  it('lists the demo app institutions from the service; "comm bank" finds Commonwealth Bank', async () => {
    const { el } = await onService({ app: 'demo', preview: '' }, 'consent-ready');
    shadow(el).querySelector<HTMLButtonElement>('[data-action=continue]')!.click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('[data-action=agree]')!.click();
    for (let i = 0; i < 50 && !shadow(el).querySelector('.institution'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(shadow(el).querySelectorAll('.institution').length).to.be.greaterThan(40);
    const search = shadow(el).querySelector<HTMLInputElement>('input[type=search]')!;
    search.value = 'comm bank';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(shadow(el).querySelector('.institution')!.getAttribute('data-id')).to.equal('cba');
    const logo = shadow(el).querySelector<HTMLImageElement>('.institution__logo')!;
    expect(new URL(logo.src).pathname).to.equal('/logos/cba.svg');
    // Let the step's entrance animation (opacity) finish before axe measures contrast.
    await Promise.all(shadow(el).getAnimations().map((a) => a.finished));
    await expect(el).to.be.accessible();
    el.remove();
  });
});
