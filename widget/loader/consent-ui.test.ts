import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConsentJourney } from '../consent-journey/consent-journey.js';
import { deepActiveElement } from '../shared/tabbable.js';
import { instantPreview, settle } from '../testing/journey-fixtures.js';
import { watchPendingWork } from '../testing/pending-work.js';
import '../index.js';

const modalHost = () => document.querySelector<HTMLElement>('[data-consent-ui-modal]');
const dialogOf = () => modalHost()?.shadowRoot?.querySelector('dialog');
const journeyIn = () => dialogOf()!.querySelector('consent-journey') as ConsentJourney;

async function openPreview(extra: Record<string, unknown> = {}) {
  const calls: { kind: string; args: unknown[] }[] = [];
  const handle = window.ConsentUI!.open({
    preview: true,
    config: { consent: { permissions: [{ cluster: 'bank:accounts.basic:read', required: true }] } },
    onSuccess: (...args) => calls.push({ kind: 'success', args }),
    onExit: (...args) => calls.push({ kind: 'exit', args }),
    onEvent: (...args) => calls.push({ kind: 'event', args }),
    ...extra,
  });
  // The dialog's code is fetched on the first open (widget.modal.js). Polled here rather than with
  // waitUntil, whose own timeout stays pending and would read as a timer left behind.
  for (let i = 0; !dialogOf() && i < 200; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(dialogOf(), 'the dialog opens').to.be.instanceOf(HTMLDialogElement);
  const journey = journeyIn();
  journey.backend = instantPreview();
  await settle(journey);
  // The dialog fades in from opacity 0 (modal.styles.ts), outside the journey that settle() watches:
  // axe must measure colours after that too, not through a half-transparent dialog.
  await Promise.all(dialogOf()!.getAnimations().map((a) => a.finished));
  return { handle, calls, journey };
}

describe('window.ConsentUI.open', () => {
  afterEach(() => {
    modalHost()?.remove();
    sessionStorage.clear();
  });

  it('opens an accessible modal dialog with the journey, focus inside it', async () => {
    const opener = await fixture<HTMLButtonElement>(html`<button>Connect</button>`);
    opener.focus();
    const { handle, calls, journey } = await openPreview();
    const dialog = dialogOf()!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    expect(dialog.getAttribute('aria-label')).to.equal('Connect your bank');
    expect(dialog.contains(deepActiveElement()) || dialog.getRootNode() === deepActiveElement()?.getRootNode()).to.equal(true);
    expect(calls.filter((c) => c.kind === 'event').map((c) => c.args[0])).to.include('consent-ready');
    await expect(journey).to.be.accessible();
    handle.close();
    expect(document.activeElement, 'focus restored to the opener').to.equal(opener);
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    await openPreview();
    const root = modalHost()!.shadowRoot!;
    const close = root.querySelector<HTMLButtonElement>('.close')!;
    close.focus();
    await sendKeys({ press: 'Shift+Tab' });
    const last = deepActiveElement();
    expect(last?.textContent?.trim(), 'wraps to the last control').to.equal('Continue');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement(), 'wraps to the first control').to.equal(close);
  });

  it('Escape closes it: onExit {step, reason: "dialog-closed"}, no node left', async () => {
    const { calls } = await openPreview();
    await sendKeys({ press: 'Escape' });
    expect(modalHost()).to.equal(null);
    expect(calls.find((c) => c.kind === 'exit')?.args[0]).to.deep.equal({ step: 'intro', reason: 'dialog-closed' });
    // Mirrored as the event too, so onEvent and the page's listeners hear it like any other exit.
    expect(calls.filter((c) => c.kind === 'event' && c.args[0] === 'consent-exit').map((c) => c.args[1])).to.deep.equal([{ step: 'intro', reason: 'dialog-closed' }]);
  });

  it('calls onExit when the end user leaves from a step', async () => {
    const { calls, journey } = await openPreview();
    journey.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=continue]')!.click();
    await settle(journey);
    journey.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=exit]')!.click();
    await settle(journey);
    expect(calls.find((c) => c.kind === 'exit')?.args[0]).to.deep.equal({ step: 'consent', reason: 'user-exit' });
    expect(modalHost()).to.equal(null);
  });

  it('calls onSuccess with the consent ids and closes when the journey completes', async () => {
    const { calls, journey } = await openPreview({ institution: 'cba' });
    const click = async (action: string) => {
      journey.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action=${action}]`)!.click();
      await settle(journey);
    };
    for (const action of ['continue', 'agree', 'handoff', 'done']) await click(action);
    expect(calls.find((c) => c.kind === 'success')?.args[0]).to.deep.equal({ consentIds: ['preview-cba'] });
    const events = calls.filter((c) => c.kind === 'event').map((c) => c.args[0]);
    expect(events).to.include.members(['consent-ready', 'consent-step', 'consent-granted', 'consent-complete']);
    expect(modalHost()).to.equal(null);
  });

  it('close() from the partner removes everything, and can be called twice', async () => {
    const before = document.body.childElementCount;
    const pending = watchPendingWork();
    try {
      const { handle, journey } = await openPreview();
      expect(document.body.childElementCount).to.equal(before + 1);
      handle.close();
      handle.close();
      await settle(journey);
      expect(document.body.childElementCount).to.equal(before);
      expect(journey.isConnected, 'the journey is gone').to.equal(false);
      expect(pending.listeners(), 'listeners left on window/document').to.deep.equal([]);
      expect(pending.intervals.size + pending.timeouts.size + pending.idleCallbacks.size, 'timers left').to.equal(0);
    } finally {
      pending.stop();
    }
  });

  it('close() before the dialog has loaded: it never appears, and no callback runs', async () => {
    const before = document.body.childElementCount;
    const calls: string[] = [];
    const handle = window.ConsentUI!.open({ preview: true, config: {}, onEvent: (name) => calls.push(name), onExit: () => calls.push('exit') });
    handle.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(modalHost()).to.equal(null);
    expect(document.body.childElementCount).to.equal(before);
    expect(calls).to.deep.equal([]);
  });
});

describe('loading widget.js twice', () => {
  it('is harmless: the module and classic builds, twice each, keep one definition and one ConsentUI', async () => {
    const first = window.ConsentUI;
    const definition = customElements.get('consent-journey');
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    const load = (src: string, module: boolean) =>
      new Promise<void>((resolve, reject) => {
        const script = Object.assign(document.createElement('script'), { src, onload: () => resolve(), onerror: () => reject(new Error(src)) });
        if (module) script.type = 'module';
        document.head.append(script);
      });
    try {
      await load('/widget.js', true);
      await load('/widget.js?again', true);
      await load('/widget.iife.js', false);
      await load('/widget.iife.js?again', false);
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    expect(window.ConsentUI).to.equal(first);
    expect(customElements.get('consent-journey')).to.equal(definition);
  });
});

describe('consent-ready', () => {
  it('fires exactly once per element, even when it is moved and its config changes', async () => {
    const el = document.createElement('consent-journey');
    el.config = {};
    let count = 0;
    el.addEventListener('consent-ready', () => count++);
    const a = await fixture<HTMLDivElement>(html`<div></div>`);
    a.append(el);
    await settle(el);
    document.body.append(el);
    el.config = { consent: { title: 'Again' } };
    await settle(el);
    expect(count).to.equal(1);
    el.remove();
  });
});
