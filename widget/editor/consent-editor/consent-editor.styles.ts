import { css } from 'lit';

/**
 * The editor's own look: neutral, so the designer's colours only appear in the preview. ASCII only: the
 * build's CSS minifier escapes other characters, and an escape is not valid inside a css`` template.
 */
export const editorStyles = css`
  :host {
    display: block;
    color: #1b1f22;
    background: #ffffff;
    font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    padding: 16px 24px 48px;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1 {
    font-size: 22px;
    margin: 0;
  }
  h2 {
    font-size: 18px;
    margin: 0 0 12px;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 24px;
    align-items: center;
    justify-content: space-between;
    margin-bottom: 16px;
  }
  .status {
    margin: 0;
    color: #3d4449;
  }
  .status--invalid,
  .status--conflict,
  .status--offline,
  .status--expired {
    color: #a3190f;
    font-weight: 600;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(320px, 1fr) minmax(360px, 1.1fr);
    gap: 24px;
    align-items: start;
  }
  @media (max-width: 900px) {
    .layout {
      /* minmax(0, ...): a wide child (the tab strip, a long URL) must not widen the page (WCAG 1.4.10). */
      grid-template-columns: minmax(0, 1fr);
    }
    .preview {
      position: static;
    }
  }
  @media (max-width: 480px) {
    :host {
      padding: 12px 12px 40px;
    }
    /* A phone: the tab strip scrolls within itself rather than the page sideways; every tab stays a 44 px target. */
    .tabs {
      overflow-x: auto;
      scrollbar-width: thin;
    }
    [role='tab'] {
      padding: 10px 10px;
      flex: none;
    }
    /* A fieldset is at least as wide as its content by default; here it wraps like any block. */
    fieldset {
      min-inline-size: 0;
    }
    .cluster__options {
      flex-wrap: wrap;
      gap: 4px 12px;
    }
    .cluster__options select {
      min-width: 0;
      max-width: 100%;
    }
  }
  /* Containment: a keystroke's relayout stays inside the form or the preview, not the whole page. */
  .form,
  .preview {
    contain: layout style;
  }
  .preview {
    position: sticky;
    top: 8px;
  }
  .tabs {
    display: flex;
    gap: 4px;
    border-bottom: 2px solid #d5d9dc;
    margin-bottom: 16px;
  }
  [role='tab'] {
    font: inherit;
    font-weight: 600;
    border: 0;
    background: none;
    padding: 10px 14px;
    min-height: 44px;
    cursor: pointer;
    color: #3d4449;
    border-bottom: 3px solid transparent;
    margin-bottom: -2px;
  }
  [role='tab'][aria-selected='true'] {
    color: #0b4f91;
    border-bottom-color: #0b4f91;
  }
  .tabpanel:focus-visible,
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  summary:focus-visible {
    outline: 3px solid #0b62b8;
    outline-offset: 2px;
  }
  .field {
    margin-bottom: 16px;
  }
  .field__label,
  fieldset > label {
    display: block;
    font-weight: 600;
    margin-bottom: 4px;
  }
  .field__check {
    display: inline-flex;
    gap: 8px;
    align-items: center;
    min-height: 32px;
    cursor: pointer;
  }
  input[type='text'],
  input[type='url'],
  input[type='number'],
  input[type='search'],
  select,
  textarea {
    font: inherit;
    width: 100%;
    padding: 8px 10px;
    border: 1px solid #6b7378;
    border-radius: 6px;
    background: #fff;
    color: inherit;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 18px;
    height: 18px;
  }
  [aria-invalid='true'] {
    border-color: #a3190f;
    border-width: 2px;
  }
  .field__error {
    color: #a3190f;
    font-weight: 600;
    margin: 4px 0 0;
  }
  .field__hint {
    color: #4a5257;
    margin: 4px 0 0;
    font-size: 13px;
  }
  .field__meta {
    display: flex;
    gap: 12px;
    font-size: 13px;
  }
  .link-button {
    font: inherit;
    border: 0;
    background: none;
    padding: 2px 0;
    min-height: 24px;
    color: #0b4f91;
    text-decoration: underline;
    cursor: pointer;
  }
  .link-button:disabled {
    color: #5b6267;
    text-decoration: none;
    cursor: default;
  }
  .group {
    border: 1px solid #d5d9dc;
    border-radius: 8px;
    padding: 12px 16px;
    margin: 0 0 16px;
  }
  legend,
  .group__title,
  .item__title {
    font-weight: 700;
  }
  .item {
    border-top: 1px solid #e3e6e8;
    padding-top: 8px;
  }
  .clusters,
  .institutions__list {
    list-style: none;
    padding: 0;
    margin: 0 0 8px;
  }
  .cluster {
    padding: 6px 0;
    border-bottom: 1px solid #eef0f1;
  }
  .cluster__business {
    display: block;
    margin-inline-start: 26px;
    color: #4a5257;
    font-size: 13px;
  }
  .cluster__options {
    display: flex;
    gap: 12px;
    align-items: center;
    margin-inline-start: 26px;
  }
  .cluster__options select {
    width: auto;
  }
  .institutions__list {
    max-height: 360px;
    overflow: auto;
  }
  .color {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  .color__picker {
    width: 44px;
    height: 38px;
    padding: 2px;
    border: 1px solid #6b7378;
    border-radius: 6px;
    background: #fff;
  }
  .color__hex {
    max-width: 120px;
    font-family: ui-monospace, monospace;
  }
  .contrast {
    margin: 4px 0 0;
    font-size: 13px;
  }
  .contrast--fail {
    color: #8a4b00;
    font-weight: 600;
  }
  .button {
    font: inherit;
    font-weight: 600;
    min-height: 40px;
    padding: 8px 16px;
    border-radius: 6px;
    border: 1px solid #3d4449;
    background: #fff;
    color: #1b1f22;
    cursor: pointer;
  }
  .button--small {
    min-height: 32px;
    padding: 4px 12px;
    display: inline-block;
  }
  .button--primary {
    background: #0b4f91;
    border-color: #0b4f91;
    color: #fff;
  }
  .button:disabled {
    background: #e9ecee;
    border-color: #c4c9cc;
    color: #555c61;
    cursor: not-allowed;
  }
  .publish {
    display: flex;
    gap: 12px;
    align-items: center;
    flex-wrap: wrap;
  }
  .publish p {
    margin: 0;
  }
  .publish__blocked,
  .tab__errors {
    color: #a3190f;
  }
  .problems {
    flex-basis: 100%;
    margin: 0;
    padding-inline-start: 20px;
  }
  .conflict,
  .notice {
    border: 2px solid #8a4b00;
    background: #fff8e6;
    border-radius: 8px;
    padding: 12px 16px;
    margin-bottom: 16px;
  }
  .notice {
    border-color: #0b4f91;
    background: #eef5fc;
  }
  .conflict .button {
    margin-inline-end: 8px;
  }
  dialog {
    max-width: min(720px, 95vw);
    border: 1px solid #6b7378;
    border-radius: 10px;
    padding: 20px 24px;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  .actions {
    display: flex;
    gap: 12px;
    justify-content: flex-end;
    margin-top: 16px;
  }
  table.diff {
    border-collapse: collapse;
    width: 100%;
    font-size: 14px;
  }
  .diff th,
  .diff td {
    text-align: start;
    border-bottom: 1px solid #e3e6e8;
    padding: 6px 8px;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  .diff__before {
    color: #8d1a10;
  }
  .diff__after {
    color: #1d5e22;
  }
  .history {
    margin-top: 32px;
  }
  .versions {
    padding-inline-start: 24px;
  }
  .version {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    padding: 6px 0;
  }
  .version__name {
    font-weight: 700;
  }
  .version__live {
    background: #1d5e22;
    color: #fff;
    border-radius: 4px;
    padding: 0 6px;
    font-size: 13px;
  }
  .version__actions {
    display: inline-flex;
    gap: 12px;
  }
  .preview-link {
    margin-top: 16px;
  }
  .qr {
    width: 180px;
    height: 180px;
    image-rendering: pixelated;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .upload {
    margin-bottom: 12px;
  }
  .upload label:focus-within {
    outline: 3px solid #0b62b8;
  }
`;
