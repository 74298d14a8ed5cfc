import type { html as litHtml, nothing as litNothing } from 'lit';
import type { ConsentView } from '../../schema/api/consent.js';
import { consentZone, formatDate, zoneName } from '../format/dates.js';
import { dataLanguageWords } from '../i18n/data-language.js';
import type { ManagerMessages } from './manager-messages.js';

export interface CardActions {
  readonly stop: (consent: ConsentView, opener: HTMLElement) => void;
  readonly renew: (consent: ConsentView) => void;
}

/**
 * One consent as the dashboard shows it (Rule 1.14): the data in the official language, the uses,
 * when given, until when (or when it ended), the receipt, and the actions.
 */
export function consentCard(lit: { html: typeof litHtml; nothing: typeof litNothing }, consent: ConsentView, m: ManagerMessages, locale: string, actions: CardActions) {
  const { html, nothing } = lit;
  // Every date of a consent in its own zone (the one its receipt and the bank used), named once.
  const zone = consentZone(consent.timeZone);
  const date = (iso: string) => formatDate(new Date(iso), locale, zone);
  const zoned = (iso: string) => m.inZone(date(iso), zoneName(locale, zone));
  const cdr = (words: string) => dataLanguageWords(m, words);
  const status = consent.status === 'active' && consent.expiringSoon ? 'expiring' : consent.status;
  const headingId = `consent-${consent.id}`;
  return html`<li>
    <article class="card consent" part="card consent" aria-labelledby=${headingId} data-consent=${consent.id}>
      <div class="consent__head">
        <h3 id=${headingId}>${consent.institutionName}</h3>
        <span class="status status--${status}" part="status">${m.status[status]}</span>
      </div>
      <p class="dates">
        ${m.sharingSince(date(consent.grantedAt))} ·
        ${consent.status === 'active' ? m.sharingUntil(zoned(consent.sharingEnd)) : m.endedOn(zoned(consent.endedAt ?? consent.sharingEnd))}
        <br />${m.historyFrom(date(consent.retrievalFrom))}
      </p>
      <h4>${m.purposesHeading}</h4>
      <ul>
        ${consent.purposes.map((p) => html`<li>${p.title}</li>`)}
      </ul>
      <h4>${m.dataHeading}</h4>
      <ul class="clusters">
        ${consent.clusters.map(
          (cluster) => html`<li class="cluster">
            <span class="cluster__label">${cdr(cluster.label)}</span>
            <details class="cluster__permissions">
              <summary>${m.showPermissions(cdr(cluster.label))}</summary>
              <ul>
                ${cluster.permissions.map((p) => html`<li>${cdr(p)}</li>`)}
              </ul>
            </details>
          </li>`,
        )}
      </ul>
      <div class="actions">
        <a class="receipt" href=${consent.receiptUrl} target="_blank" rel="noopener noreferrer">${m.receipt}</a>
        ${consent.status === 'active'
          ? html`<button type="button" class="button button--secondary" part="button-secondary" @click=${(e: Event) => actions.stop(consent, e.currentTarget as HTMLElement)}>
              ${m.stopSharing}
            </button>`
          : nothing}
        ${status === 'expiring'
          ? html`<button type="button" class="button button--primary" part="button-primary" @click=${() => actions.renew(consent)}>${m.renew}</button>`
          : nothing}
      </div>
    </article>
  </li>`;
}
