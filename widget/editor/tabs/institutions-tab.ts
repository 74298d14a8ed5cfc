import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Institution } from '../../../schema/index.js';
import type { FieldContext } from '../fields/field-context.js';
import { field } from '../fields/fields.js';

export interface InstitutionsView {
  /** Every institution the service knows; undefined while loading, null when it failed. */
  readonly all: readonly Institution[] | undefined | null;
  readonly query: string;
  setQuery(query: string): void;
}

/** The Institutions tab: "select all", a search box and the list (docs/contract.md §1 `institutions`). */
export function institutionsTab(ctx: FieldContext, view: InstitutionsView) {
  const m = ctx.messages;
  const mode = ctx.value('institutions.mode');
  const selected = new Set(Array.isArray(ctx.value('institutions.selected')) ? (ctx.value('institutions.selected') as string[]) : []);
  const all = view.all ?? [];
  const query = view.query.trim().toLowerCase();
  const shown = all.filter((i) => !query || i.name.toLowerCase().includes(query) || i.shortName.toLowerCase().includes(query));
  const isChecked = (id: string) => mode === 'all' || selected.has(id);
  const toggle = (id: string, on: boolean) => {
    // The selection as it is now, not as it was drawn: two boxes ticked within one frame both count.
    const now = ctx.value('institutions.selected');
    const base = ctx.value('institutions.mode') === 'all' ? new Set(all.map((i) => i.id)) : new Set(Array.isArray(now) ? (now as string[]) : []);
    if (on) base.add(id);
    else base.delete(id);
    ctx.set('institutions', { mode: 'selected', selected: all.map((i) => i.id).filter((x) => base.has(x)) });
  };
  const list = html`<div class="institutions">
    <label class="field__check" for="inst-all">
      <input id="inst-all" type="checkbox" .checked=${live(mode === 'all')}
        @change=${(e: Event) => ctx.set('institutions', { mode: (e.target as HTMLInputElement).checked ? 'all' : 'selected', selected: [] })} />
      ${m.selectAllInstitutions}
    </label>
    <label class="field__label" for="inst-search">${m.searchInstitutions}</label>
    <input id="inst-search" type="search" .value=${live(view.query)} @input=${(e: Event) => view.setQuery((e.target as HTMLInputElement).value)} />
    ${view.all === null ? html`<p class="field__error" role="alert">${m.institutionsUnavailable}</p>` : nothing}
    <p class="institutions__count" role="status">${m.institutionsCount(shown.length, mode === 'all' ? all.length : selected.size)}</p>
    ${view.all && shown.length === 0 ? html`<p>${m.noInstitutionsMatch}</p>` : nothing}
    <ul class="institutions__list">
      ${shown.map(
        (i) => html`<li>
          <label class="field__check" for="inst-${i.id}">
            <input id="inst-${i.id}" type="checkbox" .checked=${live(isChecked(i.id))}
              @change=${(e: Event) => toggle(i.id, (e.target as HTMLInputElement).checked)} />
            ${i.name}
          </label>
        </li>`,
      )}
    </ul>
  </div>`;
  return field(ctx, 'institutions.selected', list, { resettable: false }, false);
}
