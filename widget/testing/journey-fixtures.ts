// Test helpers for the widget's browser tests (never bundled: nothing in widget/index.ts imports them).
import { fixture, html } from '@open-wc/testing';
import type { Institution } from '../../schema/api/institution.js';
import type { JourneyBackend } from '../backend/journey-backend.js';
import { previewBackend } from '../backend/preview-backend.js';
import type { ConsentJourney } from '../consent-journey/consent-journey.js';
import type { PartialConfig } from '../config/complete-config.js';

/** An institution as the service lists it, with overrides. */
export function institution(id: string, name: string, overrides: Partial<Institution> = {}): Institution {
  return {
    id, name, shortName: name, logoUrl: `${location.origin}/logos/${id}.svg`, country: 'AU', type: 'cdr', tier: 1,
    sandbox: false, status: 'operational', ...overrides,
  };
}

export const INSTITUTIONS: Institution[] = [
  institution('sandbox-bank', 'Sandbox Bank', { sandbox: true }),
  institution('sandbox-credit-union', 'Sandbox Credit Union', { shortName: 'Sandbox CU', sandbox: true, status: 'degraded', statusReason: 'Answering slowly.' }),
  institution('sandbox-offline-bank', 'Sandbox Offline Bank', { shortName: 'Sandbox Offline', sandbox: true, status: 'down', statusReason: 'Scheduled maintenance.' }),
  institution('cba', 'Commonwealth Bank', { shortName: 'CommBank' }),
  institution('anz', 'Australia and New Zealand Banking Group', { shortName: 'ANZ' }),
];

/** The preview backend on a fixed list, instant. */
export function instantPreview(overrides: Partial<JourneyBackend> = {}): JourneyBackend {
  return { ...previewBackend({ service: location.origin, app: undefined, stepDelayMs: 0, institutions: INSTITUTIONS }), ...overrides };
}

export const shadow = (el: Element) => el.shadowRoot!;
export const text = (el: Element, selector: string) => shadow(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
export const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);

/** Clicks the button with `data-action` and waits for the journey to settle. */
export async function act(el: ConsentJourney, action: string) {
  const button = $(el, `[data-action="${action}"]`);
  if (!button) throw new Error(`No "${action}" button on step ${el.currentStep}`);
  button.click();
  await settle(el);
}

/** Lets promises, timers of 0 ms and re-renders finish. */
export async function settle(el: ConsentJourney) {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
  // Entrance animations fade from opacity 0: axe must measure colours after them.
  await Promise.all(el.shadowRoot!.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished));
}

export async function journey(config: PartialConfig = {}, options: { backend?: JourneyBackend; attrs?: Record<string, string> } = {}) {
  // Attributes go on before the element connects, as a partner's markup would have them.
  const el = document.createElement('consent-journey');
  el.preview = true;
  el.config = config;
  el.backend = options.backend ?? instantPreview();
  for (const [name, value] of Object.entries(options.attrs ?? {})) el.setAttribute(name, value);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(el);
  await settle(el);
  return el;
}

/** Records every consent-* event the element fires, in order. */
export function recordEvents(el: Element) {
  const seen: { type: string; detail: unknown }[] = [];
  for (const type of ['consent-ready', 'consent-step', 'consent-handoff', 'consent-granted', 'consent-exit', 'consent-error', 'consent-complete']) {
    el.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
  }
  return seen;
}
