import { RESULT_PARAM } from '../../schema/api/bank-return.js';

/** The result reference this page load came back from the bank with, if any. */
export function returnedResult(): string | undefined {
  return new URLSearchParams(location.search).get(RESULT_PARAM) ?? undefined;
}

/** Removes the result reference from the address bar (history entry replaced, nothing reloaded). */
export function forgetResult(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has(RESULT_PARAM)) return;
  url.searchParams.delete(RESULT_PARAM);
  history.replaceState(history.state, '', url);
}
