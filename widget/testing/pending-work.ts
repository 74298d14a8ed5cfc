/**
 * Test helper: records what is still pending while it watches — timeouts not yet fired or cleared,
 * intervals not cleared, idle callbacks not yet run or cancelled, and listeners on window and document
 * not removed (matched by target, type, function and capture, as the browser matches them). For the
 * "leaves nothing behind" checks of issue 4.
 */
export interface PendingWork {
  readonly timeouts: ReadonlySet<number>;
  readonly intervals: ReadonlySet<number>;
  readonly idleCallbacks: ReadonlySet<number>;
  /** `w:type` / `d:type` for each listener still added. */
  listeners(): string[];
  /** Puts the real functions back. */
  stop(): void;
}

export function watchPendingWork(): PendingWork {
  const timeouts = new Set<number>();
  const intervals = new Set<number>();
  const idleCallbacks = new Set<number>();
  const listeners = new Map<string, string>();
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const idOf = (fn: object) => ids.get(fn) ?? (ids.set(fn, ++nextId), nextId);
  const capture = (o?: boolean | EventListenerOptions) => (typeof o === 'boolean' ? o : !!o?.capture);

  const real = {
    setTimeout: window.setTimeout,
    clearTimeout: window.clearTimeout,
    setInterval: window.setInterval,
    clearInterval: window.clearInterval,
    requestIdleCallback: window.requestIdleCallback,
    cancelIdleCallback: window.cancelIdleCallback,
    windowAdd: window.addEventListener,
    windowRemove: window.removeEventListener,
    documentAdd: document.addEventListener,
    documentRemove: document.removeEventListener,
  };

  // The browser's timer functions (the DOM lib's numbers, not Node's Timeout objects).
  type Timer = (fn: (...args: unknown[]) => void, ms?: number) => number;
  const browserSetTimeout = real.setTimeout as unknown as Timer;
  const browserSetInterval = real.setInterval as unknown as Timer;
  const setTimeoutWatched: Timer = (fn, ms) => {
    const id = browserSetTimeout.call(window, (...a: unknown[]) => {
      timeouts.delete(id);
      fn(...a);
    }, ms);
    timeouts.add(id);
    return id;
  };
  const setIntervalWatched: Timer = (fn, ms) => {
    const id = browserSetInterval.call(window, fn, ms);
    intervals.add(id);
    return id;
  };
  window.setTimeout = setTimeoutWatched as unknown as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) timeouts.delete(id);
    real.clearTimeout.call(window, id);
  }) as typeof window.clearTimeout;
  window.setInterval = setIntervalWatched as unknown as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) intervals.delete(id);
    real.clearInterval.call(window, id);
  }) as typeof window.clearInterval;
  window.requestIdleCallback = (fn: IdleRequestCallback, options?: IdleRequestOptions) => {
    const id = real.requestIdleCallback.call(window, (deadline) => {
      idleCallbacks.delete(id);
      fn(deadline);
    }, options);
    idleCallbacks.add(id);
    return id;
  };
  window.cancelIdleCallback = (id: number) => {
    idleCallbacks.delete(id);
    real.cancelIdleCallback.call(window, id);
  };

  const track = (prefix: string, add: typeof window.addEventListener, remove: typeof window.removeEventListener) => ({
    add(this: EventTarget, type: string, fn: EventListenerOrEventListenerObject | null, o?: boolean | AddEventListenerOptions) {
      if (fn) listeners.set(`${prefix}:${type}:${idOf(fn)}:${capture(o)}`, `${prefix}:${type}`);
      return add.call(this, type, fn as EventListenerOrEventListenerObject, o);
    },
    remove(this: EventTarget, type: string, fn: EventListenerOrEventListenerObject | null, o?: boolean | EventListenerOptions) {
      if (fn) listeners.delete(`${prefix}:${type}:${idOf(fn)}:${capture(o)}`);
      return remove.call(this, type, fn as EventListenerOrEventListenerObject, o);
    },
  });
  const onWindow = track('w', real.windowAdd, real.windowRemove);
  const onDocument = track('d', real.documentAdd, real.documentRemove);
  window.addEventListener = onWindow.add as typeof window.addEventListener;
  window.removeEventListener = onWindow.remove as typeof window.removeEventListener;
  document.addEventListener = onDocument.add as typeof document.addEventListener;
  document.removeEventListener = onDocument.remove as typeof document.removeEventListener;

  return {
    timeouts,
    intervals,
    idleCallbacks,
    listeners: () => [...listeners.values()],
    stop() {
      Object.assign(window, {
        setTimeout: real.setTimeout,
        clearTimeout: real.clearTimeout,
        setInterval: real.setInterval,
        clearInterval: real.clearInterval,
        requestIdleCallback: real.requestIdleCallback,
        cancelIdleCallback: real.cancelIdleCallback,
        addEventListener: real.windowAdd,
        removeEventListener: real.windowRemove,
      });
      document.addEventListener = real.documentAdd;
      document.removeEventListener = real.documentRemove;
    },
  };
}
