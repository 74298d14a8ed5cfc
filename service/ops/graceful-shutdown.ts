import type { Server } from 'node:http';
import type { Logger } from '../logging/logger.js';

export interface ShutdownSteps {
  readonly server: Server;
  /** How long requests in flight (and the work loops) get before connections are cut. */
  readonly timeoutMs: number;
  readonly log: Logger;
  /** Readiness false, open event streams told to reconnect. */
  drain(): void;
  /** Stops background work (the scheduler and the jobs it runs); may take until the deadline. */
  stopWork(): Promise<void>;
  /** Last, once no request can reach it: closes the database and other clients. */
  close(): Promise<void>;
}

/**
 * A stop that loses no answered request: the listener closes at once (new connections are refused, so a
 * load balancer moves on), requests in flight finish, and each connection is closed as soon as it is idle
 * (keep-alive ones too). At the deadline whatever is left is cut. Resolves with whether it was clean.
 */
export async function gracefulShutdown(steps: ShutdownSteps): Promise<boolean> {
  const started = performance.now();
  steps.drain();
  const closed = new Promise<void>((resolve) => steps.server.close(() => resolve()));
  steps.server.closeIdleConnections();
  // A keep-alive connection becomes idle when its answer has been sent; close it then, not at its timeout.
  const sweep = setInterval(() => steps.server.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), steps.timeoutMs)));
  const outcome = await Promise.race([Promise.all([closed, steps.stopWork()]).then(() => 'clean' as const), deadline]);
  clearInterval(sweep);
  clearTimeout(timer);
  if (outcome === 'deadline') {
    steps.log.warn({ msg: 'shutdown deadline reached: closing the connections still open', timeoutMs: steps.timeoutMs });
    steps.server.closeAllConnections();
  }
  await steps.close();
  steps.log.info({ msg: 'stopped', clean: outcome === 'clean', durationMs: Math.round(performance.now() - started) });
  return outcome === 'clean';
}
