/**
 * The query parameter the service's bank callback adds to the partner's page: a reference to what
 * happened at the bank, never the bank's code (docs/decisions/bank-return.md).
 */
export const RESULT_PARAM = 'consent_ui_result';

/** Removes the result reference from the address bar (history entry replaced, nothing reloaded). */
export function forgetResult(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has(RESULT_PARAM)) return;
  url.searchParams.delete(RESULT_PARAM);
  history.replaceState(history.state, '', url);
}
