import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConsentInfoPopover } from './info-popover.js';
import { watchPendingWork } from '../testing/pending-work.js';
import '../index.js';

const parts = (el: ConsentInfoPopover) => ({
  trigger: el.shadowRoot!.querySelector('button')!,
  panel: el.shadowRoot!.querySelector<HTMLElement>('[role=dialog]')!,
});
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
/** floating-ui arrives on first use (widget.floating.js): wait until the panel has been placed. */
async function placed(panel: HTMLElement) {
  for (let i = 0; i < 100 && !panel.dataset.placement; i++) await frame();
  await frame();
}

describe('<consent-info-popover>', () => {
  it('opens from the keyboard, is positioned below, and Escape closes it and returns focus', async () => {
    const el = await fixture<ConsentInfoPopover>(html`<consent-info-popover label="More about accreditation">Accredited by the ACCC.</consent-info-popover>`);
    const { trigger, panel } = parts(el);
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await placed(panel);
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    expect(panel.hidden).to.equal(false);
    expect(panel.dataset.placement).to.equal('bottom');
    expect(panel.getBoundingClientRect().top).to.be.greaterThan(trigger.getBoundingClientRect().bottom);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(panel.hidden).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(trigger);
  });

  it('flips above the trigger at the bottom edge of the viewport', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="position: fixed; bottom: 4px; left: 50%">
      <consent-info-popover label="More">A longer explanation that needs some room to show.</consent-info-popover>
    </div>`);
    const el = wrapper.querySelector('consent-info-popover')!;
    const { trigger, panel } = parts(el);
    trigger.click();
    await el.updateComplete;
    await placed(panel);
    expect(panel.dataset.placement).to.equal('top');
    expect(panel.getBoundingClientRect().bottom).to.be.at.most(trigger.getBoundingClientRect().top);
  });

  it('closes on a click elsewhere', async () => {
    const el = await fixture<ConsentInfoPopover>(html`<consent-info-popover label="More">Text</consent-info-popover>`);
    parts(el).trigger.click();
    await el.updateComplete;
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });

  it('removed before the browser was idle, it leaves no prefetch waiting', async () => {
    const pending = watchPendingWork();
    try {
      const popover = document.createElement('consent-info-popover');
      document.body.append(popover);
      expect(pending.idleCallbacks.size + pending.timeouts.size, 'the floating-ui prefetch waits for idle time').to.equal(1);
      popover.remove();
      expect(pending.idleCallbacks.size + pending.timeouts.size).to.equal(0);
    } finally {
      pending.stop();
    }
  });
});
