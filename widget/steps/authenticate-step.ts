import { html, nothing } from 'lit';
import type { StepContext } from './step-context.js';
import { institutionName } from './step-context.js';
import { journeyErrorMessage, primaryButton, secondaryButton, stepActions, stepHeading } from './step-parts.js';

/**
 * Step 4: hand over to the bank's own page, where the data holder authenticates the end user with a
 * one-time password. Before leaving: the redirect notice (CX "Consent: Redirection") and that nobody
 * will ask for the banking password (CX "Authentication: Passwords"). A preview explains instead.
 */
export function authenticateStep(context: StepContext) {
  const { config, messages: m, journey, preview } = context;
  const bank = institutionName(context);
  const logo = journey.institution?.logoUrl;
  const notice = journey.notice;
  const error = journey.error;

  // A cancelled or failed bank step is this step's outcome: its heading says so, with the ways on.
  if (journey.bankFailed && error) {
    return html`
      ${stepHeading(journeyErrorMessage(m, error))}
      ${stepActions(
        context,
        error.retryable ? primaryButton(m.errorRetry, () => journey.retry(), 'retry') : nothing,
        secondaryButton(m.chooseAnotherBank, () => journey.connectAnother(), 'choose-another'),
      )}
    `;
  }

  const existing = journey.existing;
  let primary = primaryButton(existing ? m.changeConsent : m.continueToBank(bank), () => void journey.handoff(), 'handoff', journey.busy);
  let status = html``;
  if (existing) {
    status = html`<p class="notice" role="status">${m.existingConsent(bank, config.consent.brandName)}</p>`;
  } else if (notice === 'popup-blocked') {
    status = html`<p class="notice notice--warning" role="alert">${m.popupBlocked(bank)}</p>`;
    primary = primaryButton(m.continueHere, () => journey.continueHere(), 'continue-here');
  } else if (notice === 'popup-open') {
    status = html`<p class="notice" role="status">${m.popupWaiting(bank)}</p>
      ${journey.popupHeld ? secondaryButton(m.popupShow(bank), () => journey.focusPopup(), 'show-popup') : nothing}`;
    // After a reload the window is not this page's any more: the way on is a new one.
    if (!journey.popupHeld) primary = primaryButton(m.continueToBank(bank), () => journey.bankAgain(), 'handoff');
  } else if (notice === 'bank-closed') {
    status = html`<p class="notice notice--warning" role="alert">${m.bankClosed(bank)}</p>`;
  } else if (notice === 'handoff-cancelled') {
    status = html`<p class="notice" role="status">${m.handoffCancelled(bank)}</p>`;
  }

  return html`
    ${stepHeading(m.authenticateHeading(bank))}
    <div class="bank card" part="card">
      ${logo ? html`<img class="institution__logo" src=${logo} alt="" width="40" height="40" />` : nothing}
      <strong>${bank}</strong>
    </div>
    ${preview
      ? html`<p class="preview-note">${m.previewAuthenticate(bank)}</p>`
      : html`<p class="redirect-notice">${m.redirectNotice(bank)}</p>`}
    <p class="password-notice">${m.passwordNotice(config.consent.brandName, bank)}</p>
    ${status}
    ${error ? html`<p class="error" role="alert">${journeyErrorMessage(m, error)}</p>` : nothing}
    ${stepActions(context, (notice === 'popup-open' && journey.popupHeld) || notice === 'handoff-cancelled' ? nothing : primary)}
  `;
}
