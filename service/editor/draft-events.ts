import type { DraftEvent } from '../../schema/api/editor.js';

type Listener = (event: DraftEvent) => void;

/**
 * Draft saves, fanned out to every open `/preview/{appId}` stream in this process. One process owns
 * the database file (see published-config-cache.ts), so in-process fan-out reaches every viewer.
 */
export class DraftEvents {
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #ending = new AbortController();

  /** Aborted when the service stops: open streams tell their browsers to reconnect, then end. */
  get ending(): AbortSignal {
    return this.#ending.signal;
  }

  /** Ends every open stream (graceful shutdown): the browsers reconnect, to another instance or the next process. */
  endStreams(): void {
    this.#ending.abort();
  }

  subscribe(appId: string, listener: Listener): () => void {
    let set = this.#listeners.get(appId);
    if (!set) this.#listeners.set(appId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(appId);
    };
  }

  publish(appId: string, event: DraftEvent): void {
    for (const listener of this.#listeners.get(appId) ?? []) listener(event);
  }

  listenerCount(appId: string): number {
    return this.#listeners.get(appId)?.size ?? 0;
  }
}
