/**
 * The widget's public entry: loading it (by one script tag) defines the elements and `window.ConsentUI`.
 * Loading it twice is harmless: a name already defined is left as it is.
 */
import { ConsentJourney } from './consent-journey/consent-journey.js';

export { ConsentJourney };
export type { ConsentEventDetails, ConsentEventName, Step } from './events.js';

function define(name: string, element: CustomElementConstructor) {
  if (!customElements.get(name)) customElements.define(name, element);
}

define('consent-journey', ConsentJourney);

export interface ConsentUIGlobal {
  readonly version: string;
}

declare global {
  interface Window {
    ConsentUI?: ConsentUIGlobal;
  }
}

window.ConsentUI ??= { version: '0.1.0' };
