import type { DraftEvent } from '../../schema/api/editor.js';

type Listener = (event: DraftEvent) => void;

/**
 * Draft saves, fanned out to every open `/preview/{appId}` stream in this process: at once for saves
 * made here, and within half a second for saves made through another instance (found by
 * service/configs/config-sync.ts), each revision sent once.
 */
export class DraftEvents {
  readonly #listeners = new Map<string, Set<Listener>>();
  /** The newest revision each app's streams were sent, so a save seen twice (here, then by the poll) is sent once. */
  readonly #sent = new Map<string, number>();
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
      if (set.size === 0) {
        this.#listeners.delete(appId);
        this.#sent.delete(appId);
      }
    };
  }

  publish(appId: string, event: DraftEvent): void {
    if (event.revision <= (this.#sent.get(appId) ?? 0)) return;
    this.#sent.set(appId, event.revision);
    for (const listener of this.#listeners.get(appId) ?? []) listener(event);
  }

  /** The apps someone is watching, for the poll to ask about. */
  watchedApps(): string[] {
    return [...this.#listeners.keys()];
  }

  /** The newest revision sent to `appId`'s streams (0: none yet). */
  sentRevision(appId: string): number {
    return this.#sent.get(appId) ?? 0;
  }

  listenerCount(appId: string): number {
    return this.#listeners.get(appId)?.size ?? 0;
  }
}
