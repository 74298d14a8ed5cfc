import { html, nothing } from 'lit';
import type { StepContext } from './step-context.js';

/** The partner's header image: on the intro step, and on every step when `alwaysDisplay` is set. */
export function headerImage({ config }: StepContext, isIntro: boolean) {
  const { url, alwaysDisplay } = config.appearance.headerImage;
  if (!url || !(isIntro || alwaysDisplay)) return nothing;
  // Decorative: the brand name is stated in text beside it.
  return html`<img part="header-image" class="header-image" src=${url} alt="" />`;
}
