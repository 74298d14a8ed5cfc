import { html, nothing } from 'lit';
import { clusterLabels } from '../../schema/cdr/data-language.js';
import type { ClusterScope } from '../../schema/cdr/data-language.js';
import { consentDates, consentZone, formatDate, zoneName } from '../format/dates.js';
import { dataLanguageWords } from '../i18n/data-language.js';
import type { StepContext } from './step-context.js';
import { primaryButton, stepActions, stepHeading } from './step-parts.js';

/**
 * Step 2: the consent terms (Rule 4.11; CX consent standards): purposes, each cluster in the official
 * data language with its permissions, duration with dates, historical range, data handling and how to
 * withdraw, then one explicit agreement. Optional clusters start unticked (Rule 4.11(2)).
 */
export function consentStep(context: StepContext) {
  const { config, messages: m, locale, now, journey } = context;
  const policy = config.consent;
  const labels = clusterLabels(policy.permissions.map((p) => p.cluster as ClusterScope));
  const dates = consentDates(now, policy.durationDays, policy.retrievalSpanDays);
  // One zone for every date of the consent, the one the bank and the receipt use too; said once, at the end date.
  const zone = consentZone(policy.timeZone);
  const date = (d: Date) => formatDate(d, locale, zone);
  const cdr = (words: string) => dataLanguageWords(m, words);
  const purposeTitle = (id: string | undefined) => policy.purposes.find((p) => p.id === id)?.title;
  const manageUrl = config.flow.manageConsentUrl;
  // An extend session (Rule 4.12C): say what is shared now, and mark every change.
  const amendment = journey.amendment;
  const changeBadge = (scope: string) =>
    amendment ? (amendment.clusters.includes(scope) ? html`<span class="badge">${m.currentlyShared}</span>` : html`<span class="badge badge--change">${m.newlyRequested}</span>`) : nothing;

  return html`
    ${stepHeading(m.consentHeading(policy.brandName))}
    ${amendment ? html`<p class="amending" part="card">${m.amendingNotice}</p>` : nothing}

    <section class="card" part="card" aria-labelledby="purposes-heading">
      <h3 id="purposes-heading">${m.purposesHeading}</h3>
      <ul class="purposes">
        ${policy.purposes.map((p) => html`<li><strong>${p.title}</strong><span>${p.description}</span></li>`)}
      </ul>
    </section>

    <section class="card" part="card" aria-labelledby="data-heading">
      <h3 id="data-heading">${m.dataHeading}</h3>
      <ul class="clusters">
        ${labels.map((label, index) => {
          const permission = policy.permissions[index]!;
          const purpose = purposeTitle(permission.purpose);
          const id = `cluster-${index}`;
          return html`<li class="cluster" part="cluster" data-scope=${label.scope}>
            ${permission.required
              ? html`<span class="cluster__label" id=${id}>${cdr(label.label)}</span>
                  <span class="badge">${m.required}</span>${changeBadge(label.scope)}`
              : html`<label class="cluster__label">
                    <input
                      type="checkbox"
                      .checked=${journey.chosen.has(label.scope)}
                      @change=${(e: Event) => journey.toggleCluster(label.scope, (e.target as HTMLInputElement).checked)}
                    />
                    <span id=${id}>${cdr(label.label)}</span>
                  </label>
                  <span class="badge badge--optional">${m.optional}</span>${changeBadge(label.scope)}`}
            ${purpose ? html`<p class="cluster__purpose">${m.clusterPurpose(purpose)}</p>` : nothing}
            <details class="cluster__permissions">
              <summary>${m.showPermissions(cdr(label.label))}</summary>
              <ul>
                ${label.permissions.map((item) => html`<li>${cdr(item)}</li>`)}
              </ul>
            </details>
          </li>`;
        })}
      </ul>
    </section>

    <section class="card" part="card" aria-labelledby="duration-heading">
      <h3 id="duration-heading">${m.durationHeading}</h3>
      <p class="sharing-period">
        ${m.sharingPeriod(m.days(policy.durationDays), date(dates.start), m.inZone(date(dates.end), zoneName(locale, zone)))}
      </p>
      ${amendment ? html`<p class="change">${m.sharingChange(date(new Date(amendment.sharingEnd)), date(dates.end))}</p>` : nothing}
      <h3 id="history-heading">
        ${m.historyHeading}
        <consent-info-popover label=${m.moreAbout(m.historyHeading)}>${m.historyInfo}</consent-info-popover>
      </h3>
      <p class="historical-range">${m.historicalRange(date(dates.historyFrom), m.days(policy.retrievalSpanDays))}</p>
    </section>

    <section class="card" part="card" aria-labelledby="handling-heading">
      <h3 id="handling-heading">${m.dataHandlingHeading}</h3>
      <p class="retention">${policy.retainDataByDefault ? m.retainData : m.noRetainData}</p>
      <p class="on-revocation">${policy.onRevocation === 'delete' ? m.onRevocationDelete : m.onRevocationDeidentify}</p>
      <h3>${m.withdrawHeading}</h3>
      <!-- Rule 4.11(3)(g): that consent can be withdrawn at any time, and how. -->
      <p class="withdraw">${m.withdrawHow(policy.brandName)}</p>
      ${manageUrl ? html`<p><a href=${manageUrl} target="_blank" rel="noopener noreferrer">${m.withdrawLink}</a></p>` : nothing}
      ${policy.cdrPolicyUrl ? html`<p><a class="cdr-policy" href=${policy.cdrPolicyUrl} target="_blank" rel="noopener noreferrer">${m.cdrPolicy}</a></p>` : nothing}
    </section>

    ${stepActions(context, primaryButton(m.agree, () => void journey.agree(), 'agree'))}
  `;
}
