import { html, nothing } from 'lit';
import { clusterLabels, type ClusterScope } from '../../schema/cdr/data-language.js';
import { addDays, consentZone, formatDate, zoneName } from '../format/dates.js';
import { dataLanguageWords } from '../i18n/data-language.js';
import type { Grant } from '../backend/journey-backend.js';
import type { StepContext } from './step-context.js';
import { journeyErrorMessage, primaryButton, secondaryButton, stepActions, stepHeading } from './step-parts.js';

/** Step 6: what is shared, from which bank, until when; "connect another" when the flow allows it. */
export function successStep(context: StepContext) {
  const { config, messages: m, locale, now, journey } = context;
  const nameOf = (id: string) => journey.institutions.list.find((i) => i.id === id)?.name ?? id;
  // Each consent as the service recorded it (its clusters, its end, in its own zone, as on the dashboard
  // and the receipt); what this page chose and the config say only where the service gave nothing.
  const termsOf = (grant: Grant) => {
    const zone = consentZone(grant.timeZone ?? config.consent.timeZone);
    const end = grant.sharingEnd ? new Date(grant.sharingEnd) : addDays(now, config.consent.durationDays);
    return { until: m.inZone(formatDate(end, locale, zone), zoneName(locale, zone)), labels: clusterLabels((grant.clusters ?? journey.clusters) as ClusterScope[]) };
  };

  return html`
    ${stepHeading(m.successHeading)}
    ${journey.grants.map((grant) => ({ grant, ...termsOf(grant) })).map(
      ({ grant, until, labels }) => html`<section class="card summary" part="card summary" data-institution=${grant.institutionId}>
        <h3>${nameOf(grant.institutionId)}</h3>
        <p>${m.successSummary(nameOf(grant.institutionId), until)}</p>
        ${grant.collected === false ? html`<p class="notice notice--warning" role="status">${m.dataNotCollected(nameOf(grant.institutionId), config.consent.brandName)}</p>` : nothing}
        <ul>
          ${labels.map((label) => html`<li>${dataLanguageWords(m, label.label)}</li>`)}
        </ul>
        ${grant.accounts?.length
          ? html`<h4>${m.accountsShared}</h4>
              <ul class="accounts">
                ${grant.accounts.map((account) => html`<li>${account.name}${account.number ? ` ${account.number}` : ''}</li>`)}
              </ul>`
          : nothing}
        ${grant.receiptUrl ? html`<p><a class="receipt" href=${grant.receiptUrl} target="_blank" rel="noopener noreferrer">${m.viewReceipt}</a></p>` : nothing}
      </section>`,
    )}
    ${journey.error ? html`<p class="error" role="alert">${journeyErrorMessage(m, journey.error)}</p>` : nothing}
    ${stepActions(
      context,
      primaryButton(m.done, () => void journey.complete(), 'done'),
      config.flow.allowMultipleConnections ? secondaryButton(m.connectAnother, () => journey.connectAnother(), 'connect-another') : html``,
    )}
  `;
}

/** Shown when the journey ended without leaving the page: a preview, or no redirect URL. */
export function finishedPanel(context: StepContext) {
  const { messages: m, journey, preview } = context;
  const redirect = journey.finished?.redirect;
  return html`
    ${stepHeading(m.successHeading)}
    ${preview ? html`<p class="preview-note">${m.previewFinished}</p>` : nothing}
    ${preview && redirect ? html`<p class="preview-note">${m.previewWouldRedirect(redirect)}</p>` : nothing}
  `;
}

/** Shown after the end user left: the host page decides what comes next; they can also start again. */
export function exitedPanel(context: StepContext) {
  const { messages: m, journey } = context;
  return html`
    ${stepHeading(m.exitedHeading)}
    <p>${m.exitedText}</p>
    <div class="actions">${secondaryButton(m.restart, () => journey.restart(), 'restart')}</div>
  `;
}
