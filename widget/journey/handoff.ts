import { every } from './timers.js';

/** How often a popup is checked for having been closed by the end user. */
const POPUP_POLL_MS = 400;

/**
 * Opens the popup the bank's page will show in, empty, while the click that asked for it is still being
 * handled (browsers block popups opened later). Returns undefined when the browser blocked it, so the
 * journey can fall back to a redirect and say so (a silent failure is a known complaint about embedded
 * journeys).
 */
export function openPopup(): Window | undefined {
  const width = 520;
  const height = 720;
  const left = Math.max(0, (screen.availWidth - width) / 2);
  const top = Math.max(0, (screen.availHeight - height) / 2);
  // Not `noopener`: the popup is ours to close when the journey ends or the element goes away.
  const popup = window.open('about:blank', 'consent-ui-bank', `popup,width=${width},height=${height},left=${left},top=${top}`);
  return popup ?? undefined;
}

/** Shows the bank's page in the popup opened for it (replacing the empty page in its history). */
export function showInPopup(popup: Window, url: string): void {
  popup.location.replace(url);
}

/** Watches a popup until the signal aborts: `onClosed` runs once if the end user closes it. */
export function watchPopup(popup: Window, signal: AbortSignal, onClosed: () => void): void {
  let reported = false;
  every(POPUP_POLL_MS, signal, () => {
    if (!reported && popup.closed) {
      reported = true;
      onClosed();
    }
  });
}

/** The bank popup of each journey (by its storage key), and the journey element that holds it. */
const held = new Map<string, { popup: Window; owner: object }>();

/** `owner` keeps the bank popup of journey `key`, and closes any other it held. */
export function holdPopup(key: string, popup: Window, owner: object): void {
  const before = held.get(key);
  if (before && before.popup !== popup) before.popup.close();
  held.set(key, { popup, owner });
}

/** A remounted journey takes over the popup its previous element held, if it is still open. */
export function takePopup(key: string, owner: object): Window | undefined {
  const entry = held.get(key);
  if (!entry || entry.popup.closed) return undefined;
  entry.owner = owner;
  return entry.popup;
}

/**
 * `owner` lets go of journey `key`'s popup: it is closed (none is left behind), unless a new element
 * took it over in the same task — a framework's remount, an element replaced — which keeps the end
 * user's bank page open.
 */
export function releasePopup(key: string, owner: object, now = false): void {
  const close = () => {
    const entry = held.get(key);
    if (entry?.owner !== owner) return;
    held.delete(key);
    if (!entry.popup.closed) entry.popup.close();
  };
  if (now) close();
  else queueMicrotask(close);
}

/** Leaves the page for `url` (the bank, or the partner's redirect). A seam for the live journey. */
export function navigateTo(url: string): void {
  window.location.assign(url);
}

/** The partner's redirect after the journey: `redirectUrl` with `state` and the consent ids added. */
export function redirectTarget(redirectUrl: string, consentIds: readonly string[], state: string | undefined): string {
  const url = new URL(redirectUrl);
  if (state) url.searchParams.set('state', state);
  url.searchParams.set('consentIds', consentIds.join(','));
  return url.toString();
}
