/**
 * The origin that served the widget script: the default `service` (docs/contract.md §2). Read once, while the
 * script runs: `document.currentScript` for the classic (IIFE) build, `import.meta.url` for the module.
 */
export const SCRIPT_ORIGIN: string = (() => {
  const source = (document.currentScript as HTMLScriptElement | null)?.src || import.meta.url || location.href;
  try {
    return new URL(source).origin;
  } catch {
    return location.origin;
  }
})();
