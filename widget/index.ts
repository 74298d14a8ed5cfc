/**
 * The widget's public entry: loading it (by one script tag) defines the elements and `window.ConsentUI`.
 * Loading it twice (module and classic builds, or two URLs) is harmless: a name already defined is
 * left as it is, and the first `window.ConsentUI` stays.
 */
import './shared/start-mark.js';
import { ConsentJourney } from './consent-journey/consent-journey.js';
import { ConsentManager } from './consent-manager/consent-manager.js';
import { ConsentInfoPopover } from './info-popover/info-popover.js';
import { createConsentUI, type ConsentUIGlobal } from './loader/consent-ui.js';

export { ConsentJourney, ConsentInfoPopover, ConsentManager };
export type { ConsentEventDetails, ConsentEventName, Step } from './events.js';
export type { JourneyBackend } from './backend/journey-backend.js';
export type { ConsentUIGlobal, OpenOptions, OpenHandle } from './loader/consent-ui.js';

function define(name: string, element: CustomElementConstructor) {
  if (!customElements.get(name)) customElements.define(name, element);
}

define('consent-info-popover', ConsentInfoPopover);
define('consent-journey', ConsentJourney);
define('consent-manager', ConsentManager);

declare global {
  interface Window {
    ConsentUI?: ConsentUIGlobal;
  }
}

window.ConsentUI ??= createConsentUI('0.1.0');
