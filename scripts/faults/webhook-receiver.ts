import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A partner's webhook endpoint on loopback for the fault runs: records each event id it was sent, and
 * answers 200 after a random pause of up to `maxDelayMs`, so a kill often lands while a delivery waits
 * for its answer. `open` counts requests not yet answered.
 */
export async function startWebhookReceiver(options: { maxDelayMs: number; random: () => number }) {
  const received = new Map<string, number>();
  let open = 0;
  const server = createServer((req, res) => {
    open++;
    const eventId = String(req.headers['consent-ui-event-id']);
    req.resume();
    req.on('end', () => {
      received.set(eventId, (received.get(eventId) ?? 0) + 1);
      setTimeout(() => res.writeHead(200).end(), Math.floor(options.random() * options.maxDelayMs));
    });
    res.on('close', () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    /** Event id → how many times it arrived. */
    received,
    get open() {
      return open;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
