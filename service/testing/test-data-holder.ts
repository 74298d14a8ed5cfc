import { randomUUID } from 'node:crypto';
import { startSandboxDataHolder, type SandboxDataHolder } from '../../data-holder/sandbox.js';
import { sandboxIdentity, type RecipientIdentity } from '../recipient/recipient-identity.js';

let shared: { holder: Promise<SandboxDataHolder>; users: number } | undefined;

/**
 * The sandbox data holder for the tests of one process: a real one, another party on its own loopback
 * TLS listeners, shared by the test apps of a file and closed when the last lets go. Each app is a
 * software product of its own, so their registrations never meet.
 */
export async function borrowDataHolder(): Promise<{ holder: SandboxDataHolder; identity: RecipientIdentity; release: () => Promise<void> }> {
  shared ??= { holder: startSandboxDataHolder(), users: 0 };
  const entry = shared;
  entry.users += 1;
  const holder = await entry.holder;
  const identity = sandboxIdentity(await holder.sandboxCredentials(`consent-ui-test-${randomUUID().slice(0, 8)}`));
  let released = false;
  return {
    holder,
    identity,
    async release() {
      if (released) return;
      released = true;
      entry.users -= 1;
      if (entry.users === 0 && shared === entry) {
        shared = undefined;
        await holder.close();
      }
    },
  };
}
