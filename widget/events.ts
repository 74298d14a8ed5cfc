/** The journey's steps, in order (docs/contract.md §2). */
export const STEPS = ['intro', 'consent', 'institution', 'authenticate', 'progress', 'success'] as const;
export type Step = (typeof STEPS)[number];

/** Every event the elements fire, with its detail: one typed vocabulary (`consent-*`). */
export interface ConsentEventDetails {
  'consent-ready': Record<string, never>;
  'consent-step': { step: Step };
  'consent-handoff': { url: string };
  'consent-granted': { consentId: string; institutionId: string };
  'consent-exit': { step: Step; reason: string };
  'consent-error': { code: string; message: string };
  'consent-complete': { consentIds: string[] };
  'consent-revoked': { consentId: string };
  /** The manager's Renew (cancelable: the host may open the journey itself). */
  'consent-renew': { consentId: string };
}

export type ConsentEventName = keyof ConsentEventDetails;
export type ConsentEvent<N extends ConsentEventName> = CustomEvent<ConsentEventDetails[N]>;

declare global {
  interface GlobalEventHandlersEventMap {
    'consent-ready': ConsentEvent<'consent-ready'>;
    'consent-step': ConsentEvent<'consent-step'>;
    'consent-handoff': ConsentEvent<'consent-handoff'>;
    'consent-granted': ConsentEvent<'consent-granted'>;
    'consent-exit': ConsentEvent<'consent-exit'>;
    'consent-error': ConsentEvent<'consent-error'>;
    'consent-complete': ConsentEvent<'consent-complete'>;
    'consent-revoked': ConsentEvent<'consent-revoked'>;
    'consent-renew': ConsentEvent<'consent-renew'>;
  }
}

/**
 * Fires a `consent-*` event that bubbles out of the shadow root (composed) so a host page can listen
 * on any ancestor. Returns false when a listener cancelled a cancelable event.
 */
export function emit<N extends ConsentEventName>(
  target: EventTarget,
  name: N,
  detail: ConsentEventDetails[N],
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
}
