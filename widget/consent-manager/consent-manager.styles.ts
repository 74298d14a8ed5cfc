/** The manager's own rules, a plain string adopted as a stylesheet when the lazily loaded view arrives. */
export const MANAGER_CSS = `
  .consents {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 12px;
  }
  .consent__head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 8px;
    flex-wrap: wrap;
  }
  .consent__head h3 {
    margin: 0;
  }
  .status {
    font-size: 0.85em;
    font-weight: 600;
    padding: 2px 8px;
    border-radius: 999px;
    border: 1px solid currentColor;
  }
  .status--expiring {
    color: var(--consent-color-text, #130f26);
    background: color-mix(in srgb, var(--consent-color-warning, #fabe34) 35%, transparent);
  }
  .dates {
    color: var(--consent-color-muted, #5b6366);
    margin: 4px 0 8px;
  }
  .notice {
    border-inline-start: 4px solid var(--consent-color-success, #4fc35a);
    padding-inline-start: 12px;
  }
  dialog {
    max-width: min(440px, calc(100vw - 32px));
    border: 0;
    border-radius: 12px;
    padding: 24px;
    color: var(--consent-color-text, #130f26);
    background: var(--consent-color-background, #fff);
    font: inherit;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 45%);
  }
  dialog h2 {
    font-size: calc(var(--consent-heading-size, 24px) * 0.8);
    margin-top: 0;
  }
  .elect {
    display: flex;
    gap: 8px;
    align-items: center;
    margin: 12px 0;
  }
`;
