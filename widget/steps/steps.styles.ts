import { css } from 'lit';

/**
 * Styles for the frame and the steps after consent; colours come from the theme's --consent-* properties,
 * which widget/theme/theme.ts always sets before a step renders (so no fallback values here).
 */
export const stepStyles = css`
  .header {
    display: flex;
    align-items: center;
    gap: 12px;
    min-height: 44px;
    margin-bottom: 8px;
    font-size: 0.875em;
    color: var(--consent-color-muted);
  }
  .header .preview-badge {
    margin: 0;
  }
  .link-button {
    margin-inline-start: auto;
    min-height: 44px;
    padding: 0 4px;
    font: inherit;
    color: var(--consent-color-links);
    background: none;
    border: 0;
    text-decoration: underline;
    cursor: pointer;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .hint,
  .result-count {
    font-size: 0.875em;
    color: var(--consent-color-muted);
    margin: 4px 0 8px;
  }
  .search label {
    display: block;
    font-weight: 600;
    margin-bottom: 4px;
  }
  input[type='search'] {
    width: 100%;
    min-height: 44px;
    padding: 8px 12px;
    font: inherit;
    color: inherit;
    background: var(--consent-color-background);
    border: 2px solid var(--consent-color-muted);
    border-radius: 8px;
  }
  .institutions {
    list-style: none;
    padding: 0;
    margin: 0;
    /* A scroll box that grows with the window: a fixed 360px showed three banks once status lines wrapped. */
    max-height: max(360px, 65vh);
    overflow-y: auto;
    /* Long lists render only what is on screen (fast for hundreds of banks). */
    content-visibility: auto;
  }
  .institutions li {
    content-visibility: auto;
    contain-intrinsic-size: auto 60px;
  }
  .institution {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 12px;
    width: 100%;
    min-height: 56px;
    padding: 8px 12px;
    margin-bottom: 4px;
    font: inherit;
    text-align: start;
    color: inherit;
    background: transparent;
    border: 1px solid color-mix(in srgb, var(--consent-color-inactive) 45%, transparent);
    border-radius: 8px;
    cursor: pointer;
  }
  .institution:hover {
    border-color: var(--consent-color-primary);
  }
  .institution[aria-disabled='true'] {
    cursor: not-allowed;
    border-style: dashed;
  }
  .institution[aria-disabled='true'] .institution__names,
  .institution[aria-disabled='true'] .institution__logo {
    opacity: 0.75;
  }
  .institution__logo {
    flex: none;
    width: 32px;
    height: 32px;
    object-fit: contain;
  }
  .institution__names {
    display: grid;
    flex: 1;
  }
  .institution__name {
    font-weight: 600;
  }
  .institution__short {
    font-size: 0.875em;
    color: var(--consent-color-muted);
  }
  .status-badge {
    font-size: 0.8em;
    padding-inline-start: 8px;
    border-inline-start: 4px solid var(--consent-color-warning);
  }
  .status-badge--down {
    border-color: var(--consent-color-failure);
  }
  .bank {
    display: flex;
    align-items: center;
    gap: 12px;
  }
  .notice {
    padding: 8px 12px;
    border-inline-start: 4px solid var(--consent-color-accreditation);
  }
  .notice--warning {
    border-color: var(--consent-color-warning);
  }
  .preview-note {
    padding: 8px 12px;
    border: 1px dashed currentColor;
    border-radius: 8px;
  }
  .progress {
    list-style: none;
    padding: 0;
  }
  .task {
    display: flex;
    align-items: center;
    gap: 12px;
    padding-block: 8px;
  }
  .task__icon {
    display: inline-grid;
    place-items: center;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    border: 2px solid var(--consent-color-inactive);
  }
  .task--done .task__icon {
    border-color: var(--consent-color-success);
  }
  .task--failed .task__icon {
    border-color: var(--consent-color-failure);
  }
  .task--active {
    font-weight: 600;
  }
  @media (prefers-reduced-motion: no-preference) {
    .task--active .task__icon {
      animation: consent-spin 1.2s linear infinite;
    }
  }
  @keyframes consent-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .summary ul {
    margin-top: 8px;
  }
`;
