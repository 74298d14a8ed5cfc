import { expect } from '@open-wc/testing';
import { JourneyError } from '../backend/journey-backend.js';
import type { ConsentJourney } from '../consent-journey/consent-journey.js';
import type { PartialConfig } from '../config/complete-config.js';
import { STEPS } from '../events.js';
import { $, act, instantPreview, journey, recordEvents, settle, shadow, text } from '../testing/journey-fixtures.js';
import '../index.js';

const POLICY: PartialConfig = {
  consent: {
    permissions: [
      { cluster: 'bank:accounts.basic:read', required: true },
      { cluster: 'bank:transactions:read', required: false },
    ],
  },
};

async function toInstitutionStep(el: ConsentJourney) {
  await act(el, 'continue');
  await act(el, 'agree');
}

async function chooseBank(el: ConsentJourney, id: string) {
  $(el, `.institution[data-id="${id}"]`)!.click();
  await settle(el);
}

describe('the preview journey, step by step', () => {
  afterEach(() => sessionStorage.clear());

  it('walks intro → consent → institution → authenticate → progress → success, each accessible, firing events', async () => {
    const el = await journey(POLICY);
    const events = recordEvents(el);
    await expect(el).to.be.accessible();

    await act(el, 'continue');
    expect(el.currentStep).to.equal('consent');
    await expect(el).to.be.accessible();

    await act(el, 'agree');
    expect(el.currentStep).to.equal('institution');
    expect(text(el, '[part=title]')).to.equal('Choose your bank');
    await expect(el).to.be.accessible();

    await chooseBank(el, 'sandbox-bank');
    expect(el.currentStep).to.equal('authenticate');
    expect(text(el, '.preview-note')).to.contain("Sandbox Bank's own page");
    expect(text(el, '.password-notice')).to.contain('never ask for your banking password');
    await expect(el).to.be.accessible();

    await act(el, 'handoff');
    await settle(el);
    expect(el.currentStep).to.equal('success');
    expect(text(el, '.summary')).to.contain('Sandbox Bank').and.contain('Account name, type and balance');
    expect(text(el, '.summary')).not.to.contain('Transaction details');
    await expect(el).to.be.accessible();

    await act(el, 'done');
    expect(text(el, '[part=title]')).to.equal('You are connected');
    expect(text(el, '.preview-note')).to.contain('The preview is finished');
    await expect(el).to.be.accessible();

    expect(events.filter((e) => e.type === 'consent-step').map((e) => (e.detail as { step: string }).step)).to.deep.equal([
      'consent', 'institution', 'authenticate', 'progress', 'success',
    ]);
    expect(events.find((e) => e.type === 'consent-granted')?.detail).to.deep.equal({ consentId: 'preview-sandbox-bank', institutionId: 'sandbox-bank' });
    expect(events.at(-1)).to.deep.equal({ type: 'consent-complete', detail: { consentIds: ['preview-sandbox-bank'] } });
    expect(events.some((e) => e.type === 'consent-handoff')).to.equal(false);
  });

  it('shows the progress steps live, and is accessible while it runs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const el = await journey(POLICY, {
      backend: instantPreview({
        async watchProgress(_id, onUpdate) {
          onUpdate({ tasks: [{ id: 'connect', status: 'done' }, { id: 'consent', status: 'active' }, { id: 'data', status: 'pending' }] });
          await gate;
          return { consentId: 'c1', institutionId: 'cba' };
        },
      }),
    });
    await toInstitutionStep(el);
    await chooseBank(el, 'cba');
    await act(el, 'handoff');
    expect(el.currentStep).to.equal('progress');
    const statuses = [...shadow(el).querySelectorAll('.task')].map((t) => t.getAttribute('data-status'));
    expect(statuses).to.deep.equal(['done', 'active', 'pending']);
    expect(text(el, '.task[data-task=connect]')).to.contain('Commonwealth Bank').and.contain('done');
    await expect(el).to.be.accessible();
    release();
    await settle(el);
    expect(el.currentStep).to.equal('success');
  });

  it('explains a failed connection on the progress step and retries it', async () => {
    let attempts = 0;
    const el = await journey(POLICY, {
      backend: instantPreview({
        async watchProgress() {
          attempts++;
          if (attempts === 1) throw new JourneyError('bank-unavailable', 'Job failed: institution-down');
          return { consentId: 'c2', institutionId: 'cba' };
        },
      }),
    });
    const events = recordEvents(el);
    await toInstitutionStep(el);
    await chooseBank(el, 'cba');
    await act(el, 'handoff');
    expect(el.currentStep).to.equal('progress');
    expect(text(el, '[role=alert]')).to.contain('not responding');
    expect(events.find((e) => e.type === 'consent-error')?.detail).to.deep.equal({ code: 'bank-unavailable', message: 'Job failed: institution-down' });
    await expect(el).to.be.accessible();
    await act(el, 'retry');
    expect(el.currentStep).to.equal('success');
    expect(attempts).to.equal(2);
  });

  it('the success step states each consent as the service recorded it: its clusters, its end, in its zone', async () => {
    const el = await journey(POLICY, {
      backend: instantPreview({
        watchProgress: async () => ({ consentId: 'c-terms', institutionId: 'cba', clusters: ['bank:accounts.basic:read'], sharingEnd: '2027-03-01T14:30:00.000Z', timeZone: 'Australia/Perth' }),
      }),
    });
    await toInstitutionStep(el);
    await chooseBank(el, 'cba');
    await act(el, 'handoff');
    expect(el.currentStep).to.equal('success');
    // 14:30 UTC is 22:30 in Perth: still 1 March there (2 March in Sydney).
    expect(text(el, '.summary p')).to.contain('1 March 2027 (Australian Western Standard Time)');
    expect([...shadow(el).querySelectorAll('.summary > ul:not(.accounts) li')].map((li) => li.textContent!.trim())).to.deep.equal(['Account name, type and balance']);
    await expect(el).to.be.accessible();
  });

  it('a consent whose data could not be collected yet is still a consent: success says so, consent-granted fires', async () => {
    const el = await journey(POLICY, {
      backend: instantPreview({ watchProgress: async () => ({ consentId: 'c-later', institutionId: 'cba', collected: false }) }),
    });
    const events = recordEvents(el);
    await toInstitutionStep(el);
    await chooseBank(el, 'cba');
    await act(el, 'handoff');
    expect(el.currentStep).to.equal('success');
    expect(text(el, '.summary [role=status]')).to.equal('Commonwealth Bank has not sent your data yet. Your consent is in place, and Acme Money can collect it later.');
    expect(events.filter((e) => e.type === 'consent-granted').map((e) => e.detail)).to.deep.equal([{ consentId: 'c-later', institutionId: 'cba' }]);
    expect(events.filter((e) => e.type === 'consent-error')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('a moment without the service while following a connection is waited out, not reported', async () => {
    let calls = 0;
    let started = 0;
    const el = await journey(POLICY, {
      backend: instantPreview({
        async startAuthorisation(request) {
          started++;
          return { authorisationId: `preview-${request.institutionId}` };
        },
        async watchProgress() {
          calls++;
          if (calls === 1) throw new JourneyError('network', 'Could not reach the service.');
          return { consentId: 'c-blip', institutionId: 'cba' };
        },
      }),
    });
    const events = recordEvents(el);
    await toInstitutionStep(el);
    await chooseBank(el, 'cba');
    await act(el, 'handoff');
    await new Promise((resolve) => setTimeout(resolve, 1300));
    await settle(el);
    expect(el.currentStep).to.equal('success');
    expect([calls, started]).to.deep.equal([2, 1]);
    expect(events.filter((e) => e.type === 'consent-error')).to.deep.equal([]);
  });

  it('a failed bank step is the authenticate step’s heading, with focus on it; a cancel is an exit, not an error', async () => {
    for (const [code, heading, event] of [
      ['timeout', 'took too long', { type: 'consent-error', detail: { code: 'timeout', message: 'Bank timed out' } }],
      ['cancelled', 'You cancelled at your bank', { type: 'consent-exit', detail: { step: 'authenticate', reason: 'bank-cancelled' } }],
    ] as const) {
      let attempts = 0;
      const el = await journey(POLICY, {
        backend: instantPreview({
          async watchProgress() {
            attempts++;
            if (attempts === 1) throw new JourneyError(code, code === 'timeout' ? 'Bank timed out' : 'Cancelled at the bank.');
            return { consentId: `c-${code}`, institutionId: 'cba' };
          },
        }),
      });
      const events = recordEvents(el);
      await toInstitutionStep(el);
      await chooseBank(el, 'cba');
      await act(el, 'handoff');
      expect(el.currentStep).to.equal('authenticate');
      expect(text(el, '[part=title]')).to.contain(heading);
      expect(el.shadowRoot!.activeElement?.matches('[part=title]'), 'focus on the heading').to.equal(true);
      expect($(el, '.progress'), 'no waiting items under a failure').to.equal(null);
      expect(events.filter((e) => e.type === 'consent-error' || e.type === 'consent-exit')).to.deep.equal([event]);
      await expect(el).to.be.accessible();
      await act(el, 'retry');
      expect(el.currentStep).to.equal('authenticate');
      await act(el, 'handoff');
      expect(el.currentStep).to.equal('success');
      el.remove();
    }
  });

  it('shows status badges; a bank that is down is not selectable', async () => {
    const el = await journey(POLICY);
    await toInstitutionStep(el);
    const down = $(el, '.institution[data-id="sandbox-offline-bank"]')!;
    expect(down.getAttribute('aria-disabled')).to.equal('true');
    expect(down.textContent).to.contain('Unavailable').and.contain('Scheduled maintenance.');
    expect($(el, '.institution[data-id="sandbox-credit-union"]')!.textContent).to.contain('Slow right now');
    down.click();
    await settle(el);
    expect(el.currentStep).to.equal('institution');
    await chooseBank(el, 'sandbox-credit-union');
    expect(el.currentStep).to.equal('authenticate');
  });

  it('filters the list as the end user types, and announces the count', async () => {
    const el = await journey(POLICY);
    await toInstitutionStep(el);
    const search = $<HTMLInputElement>(el, 'input[type=search]')!;
    search.value = 'comm bank';
    search.dispatchEvent(new Event('input'));
    await settle(el);
    expect([...shadow(el).querySelectorAll('.institution')].map((b) => b.getAttribute('data-id'))).to.deep.equal(['cba']);
    expect(text(el, '.result-count')).to.equal('1 bank found');
    search.value = 'qqqq';
    search.dispatchEvent(new Event('input'));
    await settle(el);
    expect(text(el, '.result-count')).to.contain('No bank matches "qqqq"');
  });

  it('keeps each bank\'s row and logo as the search narrows the list (no logo is re-pointed per keystroke)', async () => {
    const el = await journey(POLICY);
    await toInstitutionStep(el);
    const logoOf = (id: string) => $<HTMLImageElement>(el, `.institution[data-id="${id}"] img`)!;
    const before = logoOf('cba');
    const sources = new Map([...shadow(el).querySelectorAll<HTMLImageElement>('.institution img')].map((img) => [img, img.src]));
    const search = $<HTMLInputElement>(el, 'input[type=search]')!;
    for (const query of ['comm', 'commonwealth', '']) {
      search.value = query;
      search.dispatchEvent(new Event('input'));
      await settle(el);
      expect(logoOf('cba'), query).to.equal(before);
      // Every logo on screen is the same element with the same source as before the search began.
      for (const img of shadow(el).querySelectorAll<HTMLImageElement>('.institution img')) expect(img.src).to.equal(sources.get(img));
    }
  });

  it('shows only the institutions the config selects', async () => {
    const el = await journey({ ...POLICY, institutions: { mode: 'selected', selected: ['cba', 'anz'] } });
    await toInstitutionStep(el);
    expect([...shadow(el).querySelectorAll('.institution')].map((b) => b.getAttribute('data-id'))).to.have.members(['cba', 'anz']);
  });

  it('goes back from every step that has a previous one', async () => {
    const el = await journey(POLICY);
    expect($(el, '[data-action=back]')).to.equal(null);
    await toInstitutionStep(el);
    await chooseBank(el, 'cba');
    const path: string[] = [];
    for (let i = 0; i < 3; i++) {
      await act(el, 'back');
      path.push(el.currentStep);
    }
    expect(path).to.deep.equal(['institution', 'consent', 'intro']);
  });

  it('offers Leave on every step but while a confirmed connection is recorded; consent-exit says where and why', async () => {
    for (const step of ['intro', 'consent', 'institution', 'authenticate'] as const) {
      const el = await journey({ ...POLICY, flow: { referenceName: 'Budget Buddy' } });
      const walk: Record<string, () => Promise<void>> = {
        intro: async () => {},
        consent: () => act(el, 'continue'),
        institution: () => toInstitutionStep(el),
        authenticate: async () => (await toInstitutionStep(el), await chooseBank(el, 'cba')),
      };
      await walk[step]!();
      expect(el.currentStep).to.equal(step);
      const events = recordEvents(el);
      expect(text(el, '[part=exit]')).to.equal('Leave and go back to Budget Buddy');
      await act(el, 'exit');
      // Past the consent step the choices made would be lost: the journey asks first.
      const asks = step === 'institution' || step === 'authenticate';
      expect(text(el, '[part=title]'), step).to.equal(asks ? 'Leave without connecting?' : 'You left without connecting');
      if (asks) {
        expect(events.filter((e) => e.type === 'consent-exit')).to.deep.equal([]);
        await expect(el).to.be.accessible();
        await act(el, 'leave');
      }
      expect(events.find((e) => e.type === 'consent-exit')?.detail).to.deep.equal({ step, reason: 'user-exit' });
      expect(text(el, '[part=title]')).to.equal('You left without connecting');
      expect(el.shadowRoot!.activeElement?.matches('[part=title]'), 'focus on the heading, never on <body>').to.equal(true);
      el.remove();
    }
  });

  it('never says "nothing was shared" when it may have been: no Leave while recording, and Leave on success finishes', async () => {
    let grant!: () => void;
    const el = await journey({ ...POLICY, flow: { referenceName: 'Budget Buddy' } }, {
      backend: instantPreview({ watchProgress: () => new Promise((resolve) => (grant = () => resolve({ consentId: 'c-leave', institutionId: 'cba' }))) }),
    });
    const events = recordEvents(el);
    await toInstitutionStep(el);
    await chooseBank(el, 'cba');
    await act(el, 'handoff');
    expect(el.currentStep).to.equal('progress');
    expect($(el, '[part=exit]'), 'no Leave while the consent is being recorded').to.equal(null);
    grant();
    await settle(el);
    expect(el.currentStep).to.equal('success');
    await act(el, 'exit');
    expect(events.filter((e) => e.type === 'consent-exit')).to.deep.equal([]);
    expect(events.find((e) => e.type === 'consent-complete')?.detail).to.deep.equal({ consentIds: ['c-leave'] });
    expect(text(el, '[part=title]')).to.equal('You are connected');
  });

  it('skips the success screen when the flow says so, and would redirect with the consent ids', async () => {
    const el = await journey({ ...POLICY, flow: { skipSuccessScreen: true, redirectUrl: 'https://partner.example/done' } });
    const events = recordEvents(el);
    expect(text(el, '.step-count')).to.equal('Step 1 of 5');
    await toInstitutionStep(el);
    await chooseBank(el, 'cba');
    await act(el, 'handoff');
    expect(events.filter((e) => e.type === 'consent-step').map((e) => (e.detail as { step: string }).step)).not.to.include('success');
    expect(events.at(-1)).to.deep.equal({ type: 'consent-complete', detail: { consentIds: ['preview-cba'] } });
    // A preview never leaves the page; it says where a live journey would go.
    expect(text(el, '.step')).to.contain('https://partner.example/done?consentIds=preview-cba');
  });

  it('connects another bank when the flow allows it', async () => {
    const el = await journey({ ...POLICY, flow: { allowMultipleConnections: true } });
    const events = recordEvents(el);
    await toInstitutionStep(el);
    await chooseBank(el, 'cba');
    await act(el, 'handoff');
    await act(el, 'connect-another');
    expect(el.currentStep).to.equal('institution');
    await chooseBank(el, 'anz');
    await act(el, 'handoff');
    expect([...shadow(el).querySelectorAll('.summary h3')].map((h) => h.textContent)).to.deep.equal(['Commonwealth Bank', 'Australia and New Zealand Banking Group']);
    await act(el, 'done');
    expect(events.at(-1)!.detail).to.deep.equal({ consentIds: ['preview-cba', 'preview-anz'] });
  });

  it('has no "connect another" unless the flow allows it', async () => {
    const el = await journey(POLICY);
    await toInstitutionStep(el);
    await chooseBank(el, 'cba');
    await act(el, 'handoff');
    expect($(el, '[data-action=connect-another]')).to.equal(null);
  });

  it('skips the picker for a pre-selected institution, and back returns to the consent step', async () => {
    const el = await journey(POLICY, { attrs: { institution: 'cba' } });
    await act(el, 'continue');
    await act(el, 'agree');
    expect(el.currentStep).to.equal('authenticate');
    expect(text(el, '[part=title]')).to.equal('Continue to Commonwealth Bank');
    await act(el, 'back');
    expect(el.currentStep).to.equal('consent');
  });

  it('falls back to the picker when the pre-selected institution is down', async () => {
    const el = await journey(POLICY, { attrs: { institution: 'sandbox-offline-bank' } });
    await toInstitutionStep(el);
    expect(el.currentStep).to.equal('institution');
    expect(text(el, '.notice')).to.contain('not available right now');
  });

  it('resumes where it left off after a reload (state in sessionStorage, never the token)', async () => {
    const first = await journey(POLICY, { attrs: { app: 'demo' } });
    await act(first, 'continue');
    $<HTMLInputElement>(first, '.cluster input[type=checkbox]')!.click();
    await settle(first);
    await act(first, 'agree');
    await chooseBank(first, 'cba');
    first.remove();

    const second = await journey(POLICY, { attrs: { app: 'demo' } });
    expect(second.currentStep).to.equal('authenticate');
    expect(text(second, '[part=title]')).to.equal('Continue to Commonwealth Bank');
    await act(second, 'back');
    await act(second, 'back');
    expect($<HTMLInputElement>(second, '.cluster input[type=checkbox]')!.checked).to.equal(true);
    expect(JSON.stringify({ ...sessionStorage })).not.to.contain('session');
  });

  it('moves focus to each new step heading', async () => {
    const el = await journey(POLICY);
    await toInstitutionStep(el);
    expect(shadow(el).activeElement).to.equal($(el, '.step-heading'));
    await chooseBank(el, 'cba');
    expect(shadow(el).activeElement?.textContent).to.equal('Continue to Commonwealth Bank');
  });
});
