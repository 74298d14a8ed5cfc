import { css } from 'lit';

export const journeyStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: var(--consent-wrapper-width, 480px);
    margin-inline: auto;
    padding: 24px;
    color: var(--consent-color-text, #130f26);
    background: var(--consent-color-background, #fff);
    font-family: var(--consent-font-family, system-ui, sans-serif);
    font-size: var(--consent-paragraph-size, 16px);
    line-height: var(--consent-line-height, 24px);
    border-radius: 12px;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /* Below the configured desktop width the journey fills the screen (mobile layout). */
  :host([data-mobile]) {
    max-width: none;
    padding: 16px;
    border-radius: 0;
  }
  :host([data-mobile]) .actions {
    flex-direction: column-reverse;
  }
  :host([data-mobile]) .actions .button {
    width: 100%;
  }
  /*
   * Few font sizes and one bold weight (600) on the first step: each new size/weight pair costs a font
   * look-up before the first layout (on Linux a synchronous call to the browser process, 0.3–9 ms cold).
   */
  .step-heading {
    font-size: var(--consent-heading-size, 24px);
    font-weight: 600;
    line-height: 1.25;
    margin: 0 0 12px;
    outline: none;
  }
  h3 {
    font-size: 1em;
    font-weight: 600;
    margin: 0 0 8px;
  }
  p {
    margin: 0 0 12px;
  }
  a {
    color: var(--consent-color-links, #0459a8);
  }
  .brand {
    font-weight: 600;
    margin-bottom: 4px;
  }
  .header-image {
    display: block;
    max-width: 100%;
    max-height: 120px;
    margin: 0 auto 16px;
    object-fit: contain;
  }
  .card {
    border: 1px solid color-mix(in srgb, var(--consent-color-inactive, #7f888c) 45%, transparent);
    border-radius: 8px;
    padding: 16px;
    margin-block: 12px;
  }
  .accreditation {
    border-inline-start: 4px solid var(--consent-color-accreditation, #2784da);
    padding-inline-start: 12px;
  }
  ul,
  ol {
    margin: 0;
    padding-inline-start: 20px;
  }
  .purposes,
  .clusters {
    list-style: none;
    padding: 0;
  }
  .purposes li {
    display: grid;
    margin-bottom: 8px;
  }
  .cluster {
    padding-block: 8px;
    border-bottom: 1px solid color-mix(in srgb, var(--consent-color-inactive, #7f888c) 30%, transparent);
  }
  .cluster:last-child {
    border-bottom: 0;
  }
  .cluster__label {
    font-weight: 600;
  }
  label.cluster__label {
    display: inline-flex;
    gap: 8px;
    align-items: center;
    cursor: pointer;
  }
  input[type='checkbox'] {
    width: 20px;
    height: 20px;
    accent-color: var(--consent-color-primary, #130f26);
  }
  .badge--change,
  .change {
    font-weight: 600;
  }
  .badge--change {
    border: 1px solid currentColor;
    border-radius: 4px;
    padding: 0 4px;
  }
  .badge {
    margin-inline-start: 8px;
    font-size: 0.8em;
    color: var(--consent-color-muted, #5b6366);
  }
  summary {
    cursor: pointer;
    color: var(--consent-color-links, #0459a8);
    margin-top: 4px;
    min-height: 24px;
  }
  .actions {
    display: flex;
    gap: 12px;
    justify-content: flex-end;
    margin-top: 20px;
    flex-wrap: wrap;
  }
  .button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    min-width: 44px;
    padding: 10px 20px;
    cursor: pointer;
    border: 2px solid transparent;
  }
  .button--primary {
    color: var(--consent-button-primary-text, #fff);
    background: var(--consent-button-primary-background, #130f26);
    border-radius: var(--consent-button-primary-radius, 8px);
  }
  .button[aria-busy='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  .button--secondary {
    color: var(--consent-button-secondary-text, #130f26);
    background: var(--consent-button-secondary-background, #fff);
    border-color: currentColor;
    border-radius: var(--consent-button-secondary-radius, 8px);
  }
  .button:focus-visible,
  .link-button:focus-visible,
  .institution:focus-visible,
  summary:focus-visible,
  a:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--consent-color-links, #0459a8);
    outline-offset: 2px;
  }
  .status {
    text-align: center;
    padding: 24px 0;
  }
  .error {
    border-inline-start: 4px solid var(--consent-color-failure, #fe493f);
    padding-inline-start: 12px;
  }
  .preview-badge {
    display: inline-block;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    border: 1px solid currentColor;
    border-radius: 4px;
    padding: 0 6px;
    margin-bottom: 8px;
  }
`;
