import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { defaultAt, jsonEqual, type FieldPath } from '../config-paths.js';
import { STEPS } from '../../events.js';
import { stepsFor } from '../field-steps.js';
import { fieldId, type FieldContext } from './field-context.js';

interface FieldOptions {
  /** Label when the path has none in the catalogue (array items). */
  readonly label?: string;
  /** Extra markup under the input (a contrast warning). */
  readonly extra?: TemplateResult | typeof nothing;
  /** Hide "reset" for array items, whose default is not per item. */
  readonly resettable?: boolean;
}

const labelOf = (ctx: FieldContext, path: FieldPath, options: FieldOptions) => options.label ?? ctx.messages.fields[path] ?? path;

/**
 * Stops the implicit submission (Enter in a text field) of the editor's small forms: nothing here is
 * ever submitted, edits save themselves.
 */
export const noSubmit = (e: Event) => e.preventDefault();

/**
 * The frame every field shares: label, the control, its problem beside it (linked by
 * aria-describedby, WCAG 3.3.1), the hint, which steps it shows on, and reset to default.
 *
 * Each field is its own `<form>`. On every keystroke Chromium's autofill reads the whole form of the
 * edited control, and for a control in no form, every form-less control of the page: with the editor's
 * controls that was ~1 ms of each keystroke, before its frame (issue 6 bench; docs/decisions/speed-targets.md).
 */
export function field(ctx: FieldContext, path: FieldPath, control: TemplateResult, options: FieldOptions = {}, labelFor = true) {
  const id = fieldId(path);
  const label = labelOf(ctx, path, options);
  const problem = ctx.problem(path);
  const hint = ctx.messages.hints[path];
  const steps = stepsFor(path, ctx.value('appearance.headerImage.alwaysDisplay') === true);
  const names = steps.length === STEPS.length ? ctx.messages.everyStep : steps.map((s) => ctx.messages.stepNames[s]).join(', ');
  const resettable = options.resettable ?? true;
  const isDefault = jsonEqual(ctx.value(path), defaultAt(path));
  return html`<form class="field ${problem ? 'field--invalid' : ''}" data-path=${path} @submit=${noSubmit}>
    ${labelFor ? html`<label class="field__label" for=${id}>${label}</label>` : nothing}
    ${control}
    ${problem ? html`<p class="field__error" id="${id}-error">${problem}</p>` : nothing}
    ${hint ? html`<p class="field__hint" id="${id}-hint">${hint}</p>` : nothing} ${options.extra ?? nothing}
    <div class="field__meta">
      <button type="button" class="link-button field__steps" @click=${() => ctx.showStep(steps[0]!)}>${ctx.messages.showsOn(names)}</button>
      ${resettable
        ? html`<button type="button" class="link-button field__reset" aria-label=${ctx.messages.resetField(label)} ?disabled=${isDefault}
            @click=${() => ctx.set(path, defaultAt(path))}>${ctx.messages.resetLabel}</button>`
        : nothing}
    </div>
  </form>`;
}

/** aria-describedby for a control: its problem and hint, when present. */
export function describedBy(ctx: FieldContext, path: FieldPath): string | typeof nothing {
  const id = fieldId(path);
  const ids = [ctx.problem(path) ? `${id}-error` : '', ctx.messages.hints[path] ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

export function textField(ctx: FieldContext, path: FieldPath, options: FieldOptions & { multiline?: boolean; type?: string } = {}) {
  const value = String(ctx.value(path) ?? '');
  const onInput = (e: Event) => ctx.set(path, (e.target as HTMLInputElement).value);
  const control = options.multiline
    ? html`<textarea id=${fieldId(path)} rows="3" .value=${live(value)} aria-invalid=${ctx.problem(path) ? 'true' : 'false'}
        aria-describedby=${describedBy(ctx, path)} @input=${onInput}></textarea>`
    : html`<input id=${fieldId(path)} type=${options.type ?? 'text'} .value=${live(value)} aria-invalid=${ctx.problem(path) ? 'true' : 'false'}
        aria-describedby=${describedBy(ctx, path)} @input=${onInput} />`;
  return field(ctx, path, control, options);
}

/** The other locale the journey speaks: a per-locale text may give its own words for it. */
const OTHER_LOCALE = 'zh-CN';

/**
 * Text the consumer reads, in en-AU and optionally zh-CN (the config's per-locale form,
 * schema/config/localized-text.ts): one string while only en-AU is given, `{ "en-AU", "zh-CN" }` once
 * the second is filled, a string again when it is emptied. Other locales a map already holds are kept.
 */
export function localizedTextField(ctx: FieldContext, path: FieldPath, options: FieldOptions & { multiline?: boolean } = {}) {
  const value = ctx.value(path);
  const map = (typeof value === 'object' && value !== null ? value : { 'en-AU': String(value ?? '') }) as Record<string, string>;
  const write = (changes: Record<string, string>) => {
    const next = Object.fromEntries(Object.entries({ ...map, ...changes }).filter(([locale, text]) => locale === 'en-AU' || text !== ''));
    ctx.set(path, Object.keys(next).length === 1 ? (next['en-AU'] ?? '') : next);
  };
  const otherPath = `${path}.${OTHER_LOCALE}`;
  const otherId = `${fieldId(path)}-${OTHER_LOCALE}`;
  const otherProblem = ctx.problem(otherPath);
  const input = (id: string, text: string, locale: string, problem: string | undefined, describedBy: string | typeof nothing) =>
    options.multiline
      ? html`<textarea id=${id} rows="3" .value=${live(text)} aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${describedBy}
          @input=${(e: Event) => write({ [locale]: (e.target as HTMLTextAreaElement).value })}></textarea>`
      : html`<input id=${id} type="text" .value=${live(text)} aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${describedBy}
          @input=${(e: Event) => write({ [locale]: (e.target as HTMLInputElement).value })} />`;
  const label = labelOf(ctx, path, options);
  return field(ctx, path, input(fieldId(path), map['en-AU'] ?? '', 'en-AU', ctx.problem(path), describedBy(ctx, path)), {
    ...options,
    extra: html`<label class="field__label field__label--locale" for=${otherId}>${ctx.messages.optional(ctx.messages.inLocale(label, ctx.messages.localeNames[OTHER_LOCALE] ?? OTHER_LOCALE))}</label>
      ${input(otherId, map[OTHER_LOCALE] ?? '', OTHER_LOCALE, otherProblem, otherProblem ? `${otherId}-error` : nothing)}
      ${otherProblem ? html`<p class="field__error" id="${otherId}-error">${otherProblem}</p>` : nothing}`,
  });
}

/** Whole numbers; an empty or partial entry is kept as text so the schema says what is wrong. */
export function numberField(ctx: FieldContext, path: FieldPath, options: FieldOptions = {}) {
  const value = ctx.value(path);
  const control = html`<input id=${fieldId(path)} type="number" inputmode="numeric" step="1" .value=${live(value === undefined ? '' : String(value))}
    aria-invalid=${ctx.problem(path) ? 'true' : 'false'} aria-describedby=${describedBy(ctx, path)}
    @input=${(e: Event) => {
      const raw = (e.target as HTMLInputElement).value;
      ctx.set(path, raw.trim() === '' ? raw : Number(raw));
    }} />`;
  return field(ctx, path, control, options);
}

export function checkboxField(ctx: FieldContext, path: FieldPath, options: FieldOptions = {}) {
  const id = fieldId(path);
  const control = html`<label class="field__check" for=${id}>
    <input id=${id} type="checkbox" .checked=${live(ctx.value(path) === true)} aria-describedby=${describedBy(ctx, path)}
      @change=${(e: Event) => ctx.set(path, (e.target as HTMLInputElement).checked)} />
    ${labelOf(ctx, path, options)}
  </label>`;
  return field(ctx, path, control, options, false);
}

export function selectField(ctx: FieldContext, path: FieldPath, choices: readonly (readonly [value: string, label: string])[], options: FieldOptions = {}) {
  const value = String(ctx.value(path) ?? '');
  const control = html`<select id=${fieldId(path)} aria-describedby=${describedBy(ctx, path)}
    @change=${(e: Event) => ctx.set(path, (e.target as HTMLSelectElement).value)}>
    ${choices.map(([v, label]) => html`<option value=${v} ?selected=${v === value}>${label}</option>`)}
  </select>`;
  return field(ctx, path, control, options);
}
