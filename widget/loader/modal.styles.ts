/** The modal's styles, adopted as a constructable stylesheet (no <style> element: strict CSP). */
export const MODAL_CSS = `
  dialog {
    box-sizing: border-box; padding: 0; border: 0; border-radius: 12px; overflow: visible; background: transparent;
    inline-size: min(var(--consent-wrapper-width, 480px), calc(100vw - 32px)); max-block-size: calc(100dvh - 32px);
  }
  dialog::backdrop { background: rgb(0 0 0 / 0.55); }
  .scroll { max-block-size: calc(100dvh - 32px); overflow: auto; border-radius: 12px; }
  .close {
    position: absolute; inset-block-start: 8px; inset-inline-end: 8px; z-index: 1; inline-size: 44px; block-size: 44px;
    border: 0; border-radius: 50%; font: inherit; font-size: 24px; line-height: 1; cursor: pointer;
    color: #130f26; background: rgb(255 255 255 / 0.9);
  }
  .close:focus-visible { outline: 3px solid #0459a8; outline-offset: 2px; }
  .guard { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); }
  consent-journey, ::slotted(*) { padding-block-start: 56px; }
  @media (max-width: 600px) {
    dialog { inline-size: 100vw; max-inline-size: 100vw; block-size: 100dvh; max-block-size: 100dvh; margin: 0; border-radius: 0; }
    .scroll { max-block-size: 100dvh; block-size: 100%; border-radius: 0; }
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog[open] { animation: consent-modal-in 160ms ease-out; }
  }
  @keyframes consent-modal-in { from { opacity: 0; transform: translateY(8px); } }
`;
