import { html } from 'lit';
import type { FieldContext } from '../fields/field-context.js';
import { checkboxField, textField } from '../fields/fields.js';

/** The Flow tab: what happens around the consent (success screen, more banks, analytics, redirect). */
export function flowTab(ctx: FieldContext) {
  return html`
    ${checkboxField(ctx, 'flow.skipSuccessScreen')} ${checkboxField(ctx, 'flow.allowMultipleConnections')}
    ${textField(ctx, 'flow.gtmId')} ${textField(ctx, 'flow.redirectUrl', { type: 'url' })}
    ${textField(ctx, 'flow.referenceName')} ${textField(ctx, 'flow.manageConsentUrl', { type: 'url' })}
  `;
}
