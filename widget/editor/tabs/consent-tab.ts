import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { CLUSTER_SCOPES, clusterLabels, type ClusterScope } from '../../../schema/index.js';
import type { FieldContext } from '../fields/field-context.js';
import { checkboxField, localizedTextField, numberField, selectField, textField } from '../fields/fields.js';

interface PermissionValue {
  cluster: string;
  required?: boolean;
  purpose?: string;
}
interface PurposeValue {
  id?: string;
  title?: string;
  description?: string;
}

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
/**
 * The list as it is now. The form re-renders only after the edit's frame is painted (EditorState), so
 * a handler reads the list when it runs: the one its render captured may miss the edit just before.
 */
const current = <T>(ctx: FieldContext, path: 'consent.purposes' | 'consent.permissions') => asArray<T>(ctx.value(path));
const GROUPS = ['common', 'bank', 'energy'] as const;

/**
 * A scope's label as the consumer will read it with the scopes already chosen: a detailed scope reads
 * as the merged row alone and as the plain detailed row beside its basic scope (Data Language
 * Standards), so the label follows the other boxes; its business variant likewise.
 */
function labelsOf(scope: ClusterScope, chosen: readonly ClusterScope[]) {
  const scopes = [...chosen.filter((s) => s !== scope), scope];
  const of = (business: boolean) => clusterLabels(scopes, { business }).find((l) => l.scope === scope)!.label;
  return { personal: of(false), business: of(true) };
}

function purposes(ctx: FieldContext) {
  const m = ctx.messages;
  const list = asArray<PurposeValue>(ctx.value('consent.purposes'));
  const problem = ctx.problem('consent.purposes');
  return html`<fieldset class="group" data-path="consent.purposes">
    <legend>${m.fields['consent.purposes']}</legend>
    ${problem ? html`<p class="field__error">${problem}</p>` : nothing}
    ${list.map(
      (_, i) => html`<div class="item">
        <p class="item__title">${m.purpose(i + 1)}</p>
        ${textField(ctx, `consent.purposes.${i}.id`, { label: m.purposeId, resettable: false })}
        ${textField(ctx, `consent.purposes.${i}.title`, { label: m.purposeTitle, resettable: false })}
        ${textField(ctx, `consent.purposes.${i}.description`, { label: m.purposeDescription, resettable: false, multiline: true })}
        <button type="button" class="button button--small"
          @click=${() => ctx.set('consent.purposes', current<PurposeValue>(ctx, 'consent.purposes').filter((__, j) => j !== i))}>${m.removePurpose(i + 1)}</button>
      </div>`,
    )}
    <button type="button" class="button button--small" @click=${() => {
      const now = current<PurposeValue>(ctx, 'consent.purposes');
      ctx.set('consent.purposes', [...now, { id: `purpose-${now.length + 1}`, title: '', description: '' }]);
    }}>
      ${m.addPurpose}
    </button>
  </fieldset>`;
}

/** The cluster checkboxes, each labelled as the consumer will read it; a checked one gets required/purpose. */
function permissions(ctx: FieldContext) {
  const m = ctx.messages;
  const list = asArray<PermissionValue>(ctx.value('consent.permissions'));
  const purposeIds = asArray<PurposeValue>(ctx.value('consent.purposes')).map((p) => p.id ?? '').filter(Boolean);
  const chosen = list.map((p) => p.cluster).filter((c): c is ClusterScope => (CLUSTER_SCOPES as readonly string[]).includes(c));
  const toggle = (scope: ClusterScope, on: boolean) => {
    const now = current<PermissionValue>(ctx, 'consent.permissions').filter((p) => p.cluster !== scope);
    const next = on ? [...now, { cluster: scope, required: true }] : now;
    // Keep the standard's order, so the consent step lists clusters the way the reference does.
    next.sort((a, b) => CLUSTER_SCOPES.indexOf(a.cluster as ClusterScope) - CLUSTER_SCOPES.indexOf(b.cluster as ClusterScope));
    ctx.set('consent.permissions', next);
  };
  /** Changes the scope's permission as it is now; a purpose of undefined means all purposes (no key). */
  const update = (scope: ClusterScope, change: Pick<PermissionValue, 'required'> | Pick<PermissionValue, 'purpose'>) => {
    const now = current<PermissionValue>(ctx, 'consent.permissions');
    const at = now.findIndex((p) => p.cluster === scope);
    if (at < 0) return;
    const { purpose, ...rest } = { ...now[at]!, ...change };
    ctx.set(`consent.permissions.${at}`, purpose ? { ...rest, purpose } : rest);
  };
  const problem = ctx.problem('consent.permissions');
  return html`<fieldset class="group" data-path="consent.permissions">
    <legend>${m.permissionsLegend}</legend>
    ${problem ? html`<p class="field__error">${problem}</p>` : nothing}
    ${GROUPS.map(
      (group) => html`<p class="group__title">${m.clusterGroups[group]}</p>
        <ul class="clusters">
          ${CLUSTER_SCOPES.filter((s) => s.startsWith(`${group}:`)).map((scope) => {
            const index = list.findIndex((p) => p.cluster === scope);
            const permission = list[index];
            const { personal, business } = labelsOf(scope, chosen);
            const id = `perm-${scope.replace(/[^a-z0-9]/g, '-')}`;
            const itemProblem = index >= 0 ? (ctx.problem(`consent.permissions.${index}.cluster`) ?? ctx.problem(`consent.permissions.${index}.purpose`)) : undefined;
            return html`<li class="cluster" data-scope=${scope}>
              <label class="field__check" for=${id}>
                <input id=${id} type="checkbox" .checked=${live(index >= 0)} @change=${(e: Event) => toggle(scope, (e.target as HTMLInputElement).checked)} />
                ${personal}
              </label>
              ${business !== personal ? html`<span class="cluster__business">${business}</span>` : nothing}
              ${permission
                ? html`<div class="cluster__options">
                    <label class="field__check" for="${id}-required">
                      <input id="${id}-required" type="checkbox" .checked=${live(permission.required !== false)}
                        @change=${(e: Event) => update(scope, { required: (e.target as HTMLInputElement).checked })} />
                      ${m.permissionRequired}
                    </label>
                    <label for="${id}-purpose">${m.permissionPurpose}</label>
                    <select id="${id}-purpose" @change=${(e: Event) => update(scope, { purpose: (e.target as HTMLSelectElement).value || undefined })}>
                      <option value="" ?selected=${!permission.purpose}>${m.allPurposes}</option>
                      ${purposeIds.map((p) => html`<option value=${p} ?selected=${permission.purpose === p}>${p}</option>`)}
                    </select>
                  </div>`
                : nothing}
              ${itemProblem ? html`<p class="field__error">${itemProblem}</p>` : nothing}
            </li>`;
          })}
        </ul>`,
    )}
  </fieldset>`;
}

/** The Consent tab: what is asked for, why, for how long, and what happens to the data. */
export function consentTab(ctx: FieldContext) {
  const m = ctx.messages;
  return html`
    ${textField(ctx, 'consent.brandName')} ${localizedTextField(ctx, 'consent.title')} ${localizedTextField(ctx, 'consent.subtitle', { multiline: true })}
    ${purposes(ctx)} ${permissions(ctx)}
    ${numberField(ctx, 'consent.durationDays')} ${numberField(ctx, 'consent.retrievalSpanDays')}
    ${checkboxField(ctx, 'consent.retainDataByDefault')}
    ${selectField(ctx, 'consent.onRevocation', [
      ['delete', m.onRevocationOptions.delete],
      ['deidentify', m.onRevocationOptions.deidentify],
    ])}
    ${textField(ctx, 'consent.accreditation.name')} ${textField(ctx, 'consent.accreditation.number')}
  `;
}
