import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { contrastRatio } from '../../theme/contrast.js';
import { defaultAt, type FieldPath } from '../config-paths.js';
import { fieldId, type FieldContext } from './field-context.js';
import { describedBy, field } from './fields.js';

const HEX = /^#[0-9a-f]{6}$/i;

/**
 * Text/background pairs the journey draws text with, checked against WCAG 2.2 AA (1.4.3: 4.5:1 for
 * body text). The warning sits beside the text colour; the pair's other field is named in it.
 */
export const CONTRAST_PAIRS: Readonly<Record<FieldPath, FieldPath>> = {
  'appearance.colors.primary': 'appearance.colors.background',
  'appearance.colors.text': 'appearance.colors.background',
  'appearance.colors.links': 'appearance.colors.background',
  'appearance.colors.inactive': 'appearance.colors.background',
  'appearance.buttons.primary.text': 'appearance.buttons.primary.background',
  'appearance.buttons.secondary.text': 'appearance.buttons.secondary.background',
};

/** The contrast ratio of a pair, rounded down to 2 decimals as checkers report it; undefined if either colour is invalid. */
export function pairRatio(foreground: unknown, background: unknown): number | undefined {
  if (typeof foreground !== 'string' || typeof background !== 'string' || !HEX.test(foreground) || !HEX.test(background)) return undefined;
  return Math.floor(contrastRatio(foreground, background) * 100) / 100;
}

/**
 * The pair's contrast, in a live region that exists while the field does, so a screen reader hears the
 * warning when an edit makes it appear (WCAG 4.1.3 status messages); the hex field points at it.
 */
function contrastNote(ctx: FieldContext, path: FieldPath, ratio: number | undefined) {
  const id = `${fieldId(path)}-contrast`;
  const against = CONTRAST_PAIRS[path]!;
  if (ratio === undefined) return html`<div class="contrast" id=${id} role="status"></div>`;
  const fails = ratio < 4.5;
  const text = fails ? ctx.messages.contrastFails(ratio.toFixed(2), ctx.messages.fields[against] ?? against) : ctx.messages.contrastPasses(ratio.toFixed(2));
  return html`<div class="contrast ${fails ? 'contrast--fail' : 'contrast--pass'}" id=${id} role="status" data-ratio=${ratio}>${fails ? html`<span aria-hidden="true">⚠ </span>` : nothing}${text}</div>`;
}

/** A colour: the native picker and a `#RRGGBB` field, kept in step; the hex field is what is validated. */
export function colorField(ctx: FieldContext, path: FieldPath) {
  const value = String(ctx.value(path) ?? '');
  const label = ctx.messages.fields[path] ?? path;
  // The picker only takes a complete lower-case hex; while the text is half-typed it shows the default.
  const pickerValue = (HEX.test(value) ? value : String(defaultAt(path))).toLowerCase();
  const set = (next: string) => ctx.set(path, next);
  const against = CONTRAST_PAIRS[path];
  const ratio = against ? pairRatio(value, ctx.value(against)) : undefined;
  const described = [describedBy(ctx, path), ratio === undefined ? nothing : `${fieldId(path)}-contrast`].filter((id) => id !== nothing).join(' ');
  const control = html`<div class="color">
    <input type="color" class="color__picker" aria-label=${ctx.messages.colourPicker(label)} .value=${live(pickerValue)}
      @input=${(e: Event) => set((e.target as HTMLInputElement).value.toUpperCase())} />
    <input id=${fieldId(path)} class="color__hex" type="text" spellcheck="false" autocomplete="off" maxlength="7" .value=${live(value)}
      aria-invalid=${ctx.problem(path) ? 'true' : 'false'} aria-describedby=${described || nothing}
      @input=${(e: Event) => set((e.target as HTMLInputElement).value.trim())} />
  </div>`;
  return field(ctx, path, control, { extra: against ? contrastNote(ctx, path, ratio) : nothing });
}
