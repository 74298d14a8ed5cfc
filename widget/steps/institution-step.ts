import { html, nothing, render } from 'lit';
import type { Institution } from '../../schema/api/institution.js';
import { institutionIndex } from '../institutions/institution-search.js';
import type { StepContext } from './step-context.js';
import { journeyErrorMessage, secondaryButton, stepActions, stepHeading } from './step-parts.js';

const indexes = new WeakMap<readonly Institution[], ReturnType<typeof institutionIndex>>();
/** The matches, best first, with banks that are down after the rest: they cannot be chosen (stable sort). */
function search(list: readonly Institution[], query: string) {
  let index = indexes.get(list);
  if (!index) indexes.set(list, (index = institutionIndex(list)));
  return index.search(query).sort((a, b) => +(a.status === 'down') - +(b.status === 'down'));
}

/** Per journey (two on one page may list the same bank objects), each bank's list item. */
const rowsOf = new WeakMap<object, WeakMap<Institution, HTMLLIElement>>();

/**
 * The bank's list item, made once and kept, its content rendered in place. Lit maps a list by position:
 * as a search narrows the list, every row would show another bank and re-point its logo image, and a
 * few hundred image reloads made a keystroke slow with 200+ banks (scripts/bench-institutions.mjs).
 */
function rowFor(journey: object, institution: Institution, content: unknown): HTMLLIElement {
  const rows = rowsOf.get(journey) ?? new WeakMap<Institution, HTMLLIElement>();
  const row = rows.get(institution) ?? document.createElement('li');
  rowsOf.set(journey, rows.set(institution, row));
  render(content, row);
  return row;
}

/**
 * Step 3: choose the bank. A searchable list of the institutions the config shows, with logos and
 * status; a bank that is down is shown with its reason but cannot be chosen.
 */
export function institutionStep(context: StepContext) {
  const { messages: m, journey, query, setQuery } = context;
  const { status, list, error } = journey.institutions;
  const results = status === 'ready' ? search(list, query) : [];
  const trimmed = query.trim();

  const item = (institution: Institution) => {
    const down = institution.status === 'down';
    // The service words reasons in English: a locale shows the ones it knows (by their text), else none.
    const reason = institution.statusReason && (m.statusReasons ? m.statusReasons[institution.statusReason] : institution.statusReason);
    const statusId = `status-${institution.id}`;
    return html`<button type="button" class="institution institution--${institution.status}" part="institution" data-id=${institution.id}
        aria-disabled=${down ? 'true' : 'false'} aria-describedby=${institution.status === 'operational' ? nothing : statusId}
        @click=${() => journey.selectInstitution(institution.id)}>
        <img class="institution__logo" src=${institution.logoUrl} alt="" width="32" height="32" loading="lazy" decoding="async" />
        <span class="institution__names">
          <span class="institution__name">${institution.name}</span>
          ${institution.shortName !== institution.name ? html`<span class="institution__short">${institution.shortName}</span>` : nothing}
        </span>
        ${institution.sandbox ? html`<span class="badge">${m.sandboxBadge}</span>` : nothing}
        ${institution.status === 'operational'
          ? nothing
          : html`<span class="status-badge status-badge--${institution.status}" id=${statusId}>
              ${institution.status === 'down' ? m.statusDown : m.statusDegraded}${reason ? `: ${reason}` : nothing}
            </span>`}
      </button>`;
  };

  return html`
    ${stepHeading(m.institutionHeading)}
    ${journey.notice === 'preselected-unavailable' ? html`<p class="notice" role="status">${m.preselectedUnavailable}</p>` : nothing}
    <div class="search">
      <label for="institution-search">${m.institutionSearchLabel}</label>
      <input id="institution-search" type="search" part="search" autocomplete="off" spellcheck="false" aria-describedby="institution-search-hint"
        aria-controls=${status === 'ready' ? 'institution-list' : nothing} .value=${query} @input=${(e: Event) => setQuery((e.target as HTMLInputElement).value)} />
      <p id="institution-search-hint" class="hint">${m.institutionSearchHint}</p>
    </div>
    ${status === 'error'
      ? html`<div class="error" role="alert"><p>${journeyErrorMessage(m, error!)}</p>${secondaryButton(m.errorRetry, () => journey.retryInstitutions(), 'retry')}</div>`
      : status !== 'ready'
        ? html`<p class="status" role="status">${m.institutionsLoading}</p>`
        : html`
            <p class="result-count" role="status">
              ${list.length === 0 ? m.institutionsEmpty : results.length === 0 ? m.institutionsNone(trimmed) : trimmed ? m.institutionsFound(results.length) : ''}
            </p>
            <ul class="institutions" id="institution-list" aria-label=${m.institutionHeading}>
              ${results.map((institution) => rowFor(journey, institution, item(institution)))}
            </ul>
          `}
    ${stepActions(context)}
  `;
}
