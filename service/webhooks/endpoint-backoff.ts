import { backoffMs } from './webhook-retry.js';

/**
 * Endpoints that gave no HTTP answer (timed out, refused, unresolvable) rest as a whole, on the same
 * schedule as a delivery's retries, so a dead endpoint costs one attempt per pause instead of one per
 * queued event. An endpoint that answers, even with an error status, is alive: each delivery keeps its
 * own retries then (one event it rejects must not hold back the others). Kept in memory: after a restart
 * an endpoint earns its pause again with one failed attempt.
 */
export class EndpointBackoff {
  private readonly endpoints = new Map<string, { failures: number; until: number }>();

  /** Records an attempt that got no answer; `startedAt` in ms. */
  unreachable(endpointId: string, startedAt: number): void {
    const failures = (this.endpoints.get(endpointId)?.failures ?? 0) + 1;
    this.endpoints.set(endpointId, { failures, until: startedAt + backoffMs(failures) });
  }

  answered(endpointId: string): void {
    this.endpoints.delete(endpointId);
  }

  /** Endpoints still resting at `now` (ms). */
  resting(now: number): string[] {
    return [...this.endpoints].filter(([, e]) => e.until > now).map(([id]) => id);
  }
}
