import { html, nothing, type TemplateResult } from 'lit';
import type { JourneyError } from '../backend/journey-backend.js';
import type { Messages } from '../i18n/messages.js';
import type { StepContext } from './step-context.js';

/**
 * The end user's explanation of a journey error, in their language: never `error.message`, which is
 * the developer's wording (it goes to `consent-error`) and may name URLs or status codes.
 */
export function journeyErrorMessage(m: Messages, error: JourneyError): string {
  return m.journeyErrors[error.code] ?? m.journeyErrors.unknown;
}

/** A step's heading: focused when the step appears, so screen readers announce it (WCAG 2.4.3). */
export function stepHeading(text: string) {
  return html`<h2 class="step-heading" part="title" tabindex="-1">${text}</h2>`;
}

/** The bottom row: Back (when there is somewhere to go back to) and the step's main action. */
export function stepActions(context: StepContext, primary?: TemplateResult | typeof nothing, secondary?: TemplateResult) {
  const { journey, messages: m } = context;
  return html`<div class="actions">
    ${secondary ?? (journey.canGoBack
      ? html`<button type="button" class="button button--secondary" part="button-secondary" data-action="back" @click=${() => journey.back()}>
          ${m.back}
        </button>`
      : nothing)}
    ${primary ?? nothing}
  </div>`;
}

/**
 * The step's main action. `busy`: its work has started — announced, and further clicks do nothing. It is
 * `aria-disabled`, not `disabled`, so the button keeps keyboard focus (a disabled one drops it to <body>).
 */
export function primaryButton(label: string, onClick: () => void, action: string, busy = false) {
  return html`<button type="button" class="button button--primary" part="button-primary" data-action=${action} aria-disabled=${busy ? 'true' : 'false'} aria-busy=${busy ? 'true' : 'false'} @click=${busy ? null : onClick}>${label}</button>`;
}

export function secondaryButton(label: string, onClick: () => void, action: string) {
  return html`<button type="button" class="button button--secondary" part="button-secondary" data-action=${action} @click=${onClick}>${label}</button>`;
}
