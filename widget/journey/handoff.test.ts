import { expect } from '@open-wc/testing';
import type { AuthorisationRequest, JourneyBackend } from '../backend/journey-backend.js';
import { $, act, instantPreview, journey, recordEvents, settle, text } from '../testing/journey-fixtures.js';
import { watchPendingWork } from '../testing/pending-work.js';
import '../index.js';

const BANK_URL = 'https://bank.example/authorise?request=abc';

/** A backend that hands over to a bank page, like the live one will; never resolves on its own. */
function bankBackend(overrides: Partial<JourneyBackend> = {}): JourneyBackend {
  return instantPreview({
    kind: 'live',
    startAuthorisation: async () => ({ authorisationId: 'auth-1', url: BANK_URL }),
    awaitAuthorisation: () => new Promise(() => {}),
    ...overrides,
  });
}

/** A stand-in for the bank window: records where it was sent and whether it was closed. */
function fakePopup() {
  const popup = { closed: false, shownUrl: '', close() { this.closed = true; }, focus() {}, location: { replace: (url: string) => void (popup.shownUrl = url) } };
  return popup;
}
/** window.open hands out `popup`, and records the URLs it was asked to open. */
function opensPopup(popup: ReturnType<typeof fakePopup>, opened: string[] = []) {
  window.open = ((url?: string | URL) => (opened.push(String(url)), popup as unknown as Window)) as typeof window.open;
}

/**
 * A popup journey on the authenticate step whose bank answers when the test calls `done()`, and whose
 * progress then grants at once; window.open hands out the returned fake popup.
 */
async function atBankInPopup() {
  let done!: () => void;
  const el = await journey({}, {
    backend: bankBackend({ awaitAuthorisation: () => new Promise<void>((resolve) => (done = resolve)), watchProgress: async () => ({ consentId: 'c-9', institutionId: 'cba' }) }),
    attrs: { handoff: 'popup' },
  });
  await toAuthenticate(el);
  const popup = fakePopup();
  opensPopup(popup);
  return { el, popup, done: () => done() };
}

async function toAuthenticate(el: Awaited<ReturnType<typeof journey>>) {
  await act(el, 'continue');
  await act(el, 'agree');
  $(el, '.institution[data-id="cba"]')!.click();
  await settle(el);
}

describe('handing over to the bank', () => {
  const realOpen = window.open;
  afterEach(() => {
    window.open = realOpen;
    sessionStorage.clear();
  });

  it('fires a cancelable consent-handoff {url}; a host that cancels it opens the page itself', async () => {
    const el = await journey({}, { backend: bankBackend() });
    await toAuthenticate(el);
    expect(text(el, '.redirect-notice')).to.contain('We will now take you to Commonwealth Bank');
    let opened = false;
    window.open = () => ((opened = true), null);
    let seen: { cancelable: boolean; url: string } | undefined;
    el.addEventListener('consent-handoff', (e) => {
      seen = { cancelable: e.cancelable, url: e.detail.url };
      e.preventDefault();
    });
    await act(el, 'handoff');
    expect(seen).to.deep.equal({ cancelable: true, url: BANK_URL });
    expect(opened).to.equal(false);
    expect(text(el, '.notice')).to.contain('opened for you in another place');
    await expect(el).to.be.accessible();
  });

  it('falls back to a redirect and says so when the popup is blocked', async () => {
    const requests: AuthorisationRequest[] = [];
    const backend = bankBackend({ startAuthorisation: async (request) => (requests.push(request), { authorisationId: 'auth-1', url: BANK_URL }) });
    const el = await journey({}, { backend, attrs: { handoff: 'popup', app: 'demo' } });
    await toAuthenticate(el);
    window.open = () => null;
    await act(el, 'handoff');
    // A redirect authorisation: the bank sends the end user back to this page, where the journey
    // resumes (a popup one would end on the service's callback page, away from the partner's).
    expect(requests.map((r) => [r.mode, r.returnUrl])).to.deep.equal([['redirect', location.href]]);
    expect(text(el, '[role=alert]')).to.contain('blocked the Commonwealth Bank window');
    expect(text(el, '[data-action=continue-here]')).to.equal('Continue in this page');
    // The fallback saves the journey first, so the return from the bank resumes it.
    expect(JSON.parse(Object.values({ ...sessionStorage })[0] ?? '{}').state).to.deep.include({ step: 'authenticate', phase: 'popup-blocked', authorisationId: 'auth-1' });
    await expect(el).to.be.accessible();
  });

  it('ends the step with consent-exit {reason: "bank-closed"} when the user closes the popup', async () => {
    const el = await journey({}, { backend: bankBackend(), attrs: { handoff: 'popup', app: 'demo' } });
    await toAuthenticate(el);
    const popup = fakePopup();
    const opened: string[] = [];
    opensPopup(popup, opened);
    const events = recordEvents(el);
    $(el, '[data-action=handoff]')!.click();
    // Opened within the click itself: a popup opened after an await counts as unrequested and is blocked.
    expect(opened, 'opened during the click').to.deep.equal(['about:blank']);
    await settle(el);
    expect(popup.shownUrl, 'then sent to the bank').to.equal(BANK_URL);
    expect(text(el, '.notice')).to.contain('Finish in the Commonwealth Bank window');
    popup.closed = true;
    // Noticed within a poll (400 ms), then the bank's answer is given a grace period (1.2 s).
    await new Promise((resolve) => setTimeout(resolve, 1800));
    await settle(el);
    expect(events.find((e) => e.type === 'consent-exit')?.detail).to.deep.equal({ step: 'authenticate', reason: 'bank-closed' });
    expect(text(el, '[role=alert]')).to.contain('closed before you finished');
    expect(el.currentStep).to.equal('authenticate');
    expect($(el, '[data-action=handoff]'), 'can try again').not.to.equal(null);
  });

  it('a popup closed just as the bank finished is not an exit: the journey goes on to success', async () => {
    const { el, popup, done } = await atBankInPopup();
    const events = recordEvents(el);
    await act(el, 'handoff');
    popup.closed = true;
    // The watcher sees the closed window, and the service's answer lands a moment later.
    await new Promise((resolve) => setTimeout(resolve, 600));
    done();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await settle(el);
    expect(events.filter((e) => e.type === 'consent-exit'), 'no exit').to.deep.equal([]);
    expect(el.currentStep).to.equal('success');
  });

  it('closes the popup once the bank is done, then follows progress', async () => {
    const { el, popup, done } = await atBankInPopup();
    await act(el, 'handoff');
    done();
    await settle(el);
    expect(el.currentStep).to.equal('success');
    expect(popup.closed, 'bank popup left open').to.equal(true);
  });

  it('removing the element leaves no timer, idle callback, listener or popup behind', async () => {
    const pending = watchPendingWork();
    const popup = fakePopup();
    try {
      const el = await journey({ appearance: { font: { family: 'Inter', url: `${location.origin}/no-such-font.css` }, wrapper: { desktopWidth: 600 } } }, { backend: bankBackend(), attrs: { handoff: 'popup' } });
      // An info popover listens on the document and window while open.
      $(el, 'consent-info-popover')!.shadowRoot!.querySelector('button')!.click();
      await settle(el);
      expect(pending.listeners().length, 'the open popover and the layout listen').to.be.greaterThan(0);
      await toAuthenticate(el);
      opensPopup(popup);
      await act(el, 'handoff');
      expect(pending.intervals.size, 'the popup watcher runs while the step is open').to.equal(1);
      expect(document.querySelectorAll('link[data-consent-ui-font]').length).to.equal(1);
      el.remove();
      await settle(el);
      expect(pending.intervals.size, 'intervals left running').to.equal(0);
      expect(pending.timeouts.size, 'timeouts left pending').to.equal(0);
      expect(pending.idleCallbacks.size, 'idle callbacks left pending').to.equal(0);
      expect(pending.listeners(), 'listeners left on window/document').to.deep.equal([]);
      expect(popup.closed, 'popup left open').to.equal(true);
      expect(document.querySelectorAll('link[data-consent-ui-font]').length, 'font link left behind').to.equal(0);
    } finally {
      pending.stop();
    }
  });
});
