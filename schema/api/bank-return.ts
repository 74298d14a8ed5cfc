/**
 * The query parameter the service's bank callback adds to the page the journey started on: a reference
 * to what happened at the bank, never the bank's code (docs/decisions/bank-return.md). Shared by the
 * service that adds it and the widget that reads it; no zod here, so the widget bundles nothing more.
 */
export const RESULT_PARAM = 'consent_ui_result';
