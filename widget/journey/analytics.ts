import type { ConsentEventDetails, ConsentEventName } from '../events.js';

type DataLayer = { push: (entry: Record<string, unknown>) => unknown };

/** Detail fields safe to send to analytics: journey positions and codes, never people or consent ids. */
const SAFE_FIELDS = ['step', 'reason', 'code', 'institutionId'] as const;

/**
 * Sends a journey event to the Google Tag Manager data layer — only when the config names a container
 * (`flow.gtmId`), and with no personal data: no session, consent id, URL or free text.
 */
export function trackEvent<N extends ConsentEventName>(gtmId: string, name: N, detail: ConsentEventDetails[N]): void {
  if (!gtmId) return;
  const w = window as unknown as { dataLayer?: DataLayer };
  const entry: Record<string, unknown> = { event: name, consentUiContainer: gtmId };
  for (const field of SAFE_FIELDS) {
    const value = (detail as Record<string, unknown>)[field];
    if (typeof value === 'string') entry[`consentUi${field[0]!.toUpperCase()}${field.slice(1)}`] = value;
  }
  (w.dataLayer ??= [] as Record<string, unknown>[]).push(entry);
}
