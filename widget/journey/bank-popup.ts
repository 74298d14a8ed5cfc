import { holdPopup, releasePopup, takePopup, watchPopup } from './handoff.js';
import { sleep } from './timers.js';

/** How long a closed bank popup waits for the bank's answer before the step counts as abandoned. */
const BANK_CLOSED_GRACE_MS = 1200;

/**
 * The bank's popup of one journey element: watched for the end user closing it, handed over to the
 * element that replaces this one in the same task (a framework's remount), closed when the bank is done.
 */
export class BankPopup {
  #watching: AbortController | undefined;
  #window: Window | undefined;

  constructor(
    /** The journey's key: a remount of the same journey takes the popup over. */
    private readonly key: () => string,
  ) {}

  /** Whether this element holds the popup (not after a reload): "Show the bank window" works. */
  get held() {
    return !!this.#window;
  }

  focus() {
    this.#window?.focus();
  }

  /**
   * Follows `popup` until `life` ends or the popup is closed. `onAbandoned` runs when the end user
   * closed it and the bank's answer did not follow within a grace period (closed just as the bank
   * finished, the answer may be a poll away: the journey moving on ends this wait first).
   */
  watch(popup: Window, life: AbortSignal, onAbandoned: () => void) {
    this.#watching?.abort();
    holdPopup(this.key(), popup, this);
    const watching = new AbortController();
    life.addEventListener('abort', () => watching.abort(), { once: true, signal: watching.signal });
    this.#watching = watching;
    this.#window = popup;
    watchPopup(popup, watching.signal, () => sleep(BANK_CLOSED_GRACE_MS, watching.signal).then(onAbandoned, () => {}));
  }

  /** A remounted journey takes over the popup its previous element held; false when there is none. */
  takeOver(life: AbortSignal, onAbandoned: () => void): boolean {
    const popup = takePopup(this.key(), this);
    if (popup) this.watch(popup, life, onAbandoned);
    return !!popup;
  }

  /** The bank is done with the popup (or the step moved on): it is closed. */
  close() {
    if (!this.#watching) return;
    this.#watching.abort();
    this.#watching = undefined;
    this.#window = undefined;
    releasePopup(this.key(), this, true);
  }

  /** The element is going: the popup is closed unless a new element takes it over in this task. */
  release() {
    this.#watching = undefined;
    this.#window = undefined;
    releasePopup(this.key(), this);
  }
}
