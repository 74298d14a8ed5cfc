import type { JourneyBackend, ProgressUpdate } from '../backend/journey-backend.js';
import { inFlight, type Failure, type JourneyEvent, type JourneyState } from './journey-machine.js';
import { sleep } from './timers.js';

/** How often a task that lost the service is tried again before the step says so. */
const RETRIES = 5;

/** A failure that says nothing about the consent: the service could not be reached, or failed for a moment. */
export const isTransient = (failure: Pick<Failure, 'code' | 'retryable'>) => failure.code === 'network' || (failure.code === 'unknown' && failure.retryable);

/**
 * The I/O a state asks for, as a key: following a result reference, watching an authorisation, waiting
 * for a popup's bank. `restored` is true when the state came from storage (a reload, a remount, a page
 * restored from the back-forward cache): a redirect that finds itself back on the page checks whether
 * the bank is still waiting. `handoff` and `complete` are started by the end user's click, not here.
 */
export function taskFor(state: JourneyState, restored: boolean): string | undefined {
  const flight = inFlight(state);
  if (state.step === 'progress' && flight?.authorisationId) return `watch:${flight.authorisationId}`;
  if (state.step === 'progress' && flight?.result) return `resolve:${flight.result}`;
  if (state.step === 'success') return 'complete';
  if (state.step !== 'authenticate') return undefined;
  if (state.phase === 'starting') return 'handoff';
  // A closed popup may still have finished at the bank (its answer slower than the grace period).
  if (state.phase === 'bank-closed' && state.authorisationId) return `await:${state.authorisationId}`;
  if (state.phase !== 'at-bank' || !state.authorisationId) return undefined;
  if (state.via !== 'redirect') return `await:${state.authorisationId}`;
  return restored ? `check:${state.authorisationId}` : undefined;
}

/** Runs the task `key` names and answers the event its outcome is for the journey. */
async function runTask(key: string, backend: JourneyBackend, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<JourneyEvent> {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  switch (kind) {
    case 'resolve':
      return { type: 'resolved', ...(await backend.resolveResult(id, signal)) };
    case 'await':
      await backend.awaitAuthorisation(id, signal);
      return { type: 'bank-done', authorisationId: id };
    case 'check':
      return (await backend.authorisationPending(id, signal)) ? { type: 'bank-left' } : { type: 'bank-done', authorisationId: id };
    default:
      return { type: 'granted', grant: await backend.watchProgress(id, onProgress, signal) };
  }
}

/**
 * Runs a task, and runs it again when the service could not be reached or failed for a moment (a
 * network blip, a 5xx, a restart): after 1, 2, 4, 8 and 8 s, then the step says so and offers
 * "Try again". Every task only reads, so repeating one is safe.
 */
export async function runPatiently(key: string, backend: JourneyBackend, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void, asFailure: (error: unknown) => Failure): Promise<JourneyEvent> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await runTask(key, backend, signal, onProgress);
    } catch (error) {
      if (signal.aborted || attempt >= RETRIES || !isTransient(asFailure(error))) throw error;
      await sleep(Math.min(1000 * 2 ** attempt, 8000), signal);
    }
  }
}
