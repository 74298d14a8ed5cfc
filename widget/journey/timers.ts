/**
 * Waits `ms`, or rejects with the signal's reason when it aborts first. The timer is cleared either
 * way, so removing an element never leaves one behind.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Calls `tick` every `ms` until the signal aborts; the interval is cleared on abort. */
export function every(ms: number, signal: AbortSignal, tick: () => void): void {
  if (signal.aborted) return;
  const timer = setInterval(tick, ms);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
