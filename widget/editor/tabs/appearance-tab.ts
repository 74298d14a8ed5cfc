import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { FONT_STACKS } from '../../../schema/defaults.js';
import { colorField } from '../fields/color-field.js';
import { fieldId, type FieldContext } from '../fields/field-context.js';
import { checkboxField, describedBy, field, numberField, textField } from '../fields/fields.js';

export interface AppearanceActions {
  /** Uploads a header image; the editor puts the answered URL into the field. */
  uploadImage(file: File): void;
  readonly uploadError: string | undefined;
}

const COLORS = ['primary', 'secondary', 'text', 'inactive', 'success', 'warning', 'failure', 'background', 'links', 'accreditation'] as const;
const CUSTOM = '__custom';

function headerImage(ctx: FieldContext, actions: AppearanceActions) {
  const m = ctx.messages;
  return html`${textField(ctx, 'appearance.headerImage.url', { type: 'url' })}
    <div class="upload">
      <label class="field__label" for="header-upload">${m.uploadImage}</label>
      <input id="header-upload" type="file" accept="image/png,image/jpeg,image/webp,image/gif"
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          if (file) actions.uploadImage(file);
          input.value = '';
        }} />
      ${actions.uploadError ? html`<p class="field__error" role="alert">${m.uploadFailed(actions.uploadError)}</p>` : nothing}
    </div>
    ${checkboxField(ctx, 'appearance.headerImage.alwaysDisplay')}`;
}

/** A system stack by name, or a custom web font: its family name and the stylesheet declaring it. */
function font(ctx: FieldContext) {
  const m = ctx.messages;
  const family = String(ctx.value('appearance.font.family') ?? '');
  const isStack = family in FONT_STACKS;
  const path = 'appearance.font.family';
  const select = html`<select id=${fieldId(path)} aria-describedby=${describedBy(ctx, path)}
      @change=${(e: Event) => {
        const value = (e.target as HTMLSelectElement).value;
        // A system stack loads no stylesheet: its URL goes too, or an error would stay on a hidden field.
        if (value === CUSTOM) ctx.set(path, '');
        else ctx.set('appearance.font', { family: value, url: '' });
      }}>
      ${Object.keys(FONT_STACKS).map((name) => html`<option value=${name} ?selected=${family === name}>${m.fontOptions[name] ?? name}</option>`)}
      <option value=${CUSTOM} ?selected=${!isStack}>${m.customFont}</option>
    </select>
    ${isStack
      ? nothing
      : html`<label class="field__label" for="font-custom">${m.customFont}</label>
          <input id="font-custom" type="text" .value=${live(family)} aria-invalid=${ctx.problem(path) ? 'true' : 'false'}
            aria-describedby=${describedBy(ctx, path)} @input=${(e: Event) => ctx.set(path, (e.target as HTMLInputElement).value)} />`}`;
  return html`${field(ctx, path, select)} ${isStack ? nothing : textField(ctx, 'appearance.font.url', { type: 'url' })}`;
}

/** The Appearance tab: header, font, every colour, type sizes, both buttons and the desktop width. */
export function appearanceTab(ctx: FieldContext, actions: AppearanceActions) {
  return html`
    <fieldset class="group"><legend>${ctx.messages.groups.headerImage}</legend>${headerImage(ctx, actions)}</fieldset>
    ${font(ctx)}
    <fieldset class="group colors">
      <legend>${ctx.messages.groups.colours}</legend>
      ${COLORS.map((name) => colorField(ctx, `appearance.colors.${name}`))}
    </fieldset>
    ${numberField(ctx, 'appearance.typography.headingSize')} ${numberField(ctx, 'appearance.typography.paragraphSize')}
    ${numberField(ctx, 'appearance.typography.lineHeight')}
    ${(['primary', 'secondary'] as const).map(
      (button) => html`<fieldset class="group">
        <legend>${ctx.messages.groups[`${button}Button`]}</legend>
        ${colorField(ctx, `appearance.buttons.${button}.text`)} ${colorField(ctx, `appearance.buttons.${button}.background`)}
        ${numberField(ctx, `appearance.buttons.${button}.borderRadius`)}
      </fieldset>`,
    )}
    ${numberField(ctx, 'appearance.wrapper.desktopWidth')}
  `;
}
