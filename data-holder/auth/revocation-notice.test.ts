import { generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fetch } from './client-assertion.js';
import { revocationNotifier, type NoticeOutcome } from './revocation-notice.js';

let key: CryptoKey;
beforeAll(async () => {
  key = (await generateKeyPair('PS256')).privateKey as CryptoKey;
});

/** A fetch that plays `script` (a status, or an error to throw) one call at a time. */
function scripted(script: (number | Error)[]) {
  const calls: string[] = [];
  const fetch: Fetch = async (url) => {
    calls.push(url);
    const next = script.shift() ?? 204;
    if (next instanceof Error) throw next;
    return new Response(null, { status: next });
  };
  return { fetch, calls };
}

const notifier = (fetch: Fetch, outcomes: NoticeOutcome[] = []) =>
  revocationNotifier({ brandId: 'sandbox-bank', signingKey: { key, kid: 'k', alg: 'PS256' }, fetch, retryDelayMs: 1, onOutcome: (o) => void outcomes.push(o) });

describe('revocation notices to recipients', () => {
  it('are retried after network errors, and sent to <recipient_base_uri>/arrangements/revoke keeping its path', async () => {
    const { fetch, calls } = scripted([new Error('ECONNREFUSED'), new Error('socket hang up'), 204]);
    const outcomes: NoticeOutcome[] = [];
    const outcome = await notifier(fetch, outcomes)({ recipientBaseUri: 'https://recipient.example/cdr/', arrangementId: 'a-1' });
    expect(outcome).toEqual({ arrangementId: 'a-1', endpoint: 'https://recipient.example/cdr/arrangements/revoke', delivered: true, attempts: 3, status: 204 });
    expect(calls).toEqual(Array(3).fill('https://recipient.example/cdr/arrangements/revoke'));
    expect(outcomes).toEqual([outcome]);
  });

  it('give up after three tries and say why, without rejecting', async () => {
    const { fetch } = scripted([new Error('ECONNREFUSED'), 500, new Error('ETIMEDOUT')]);
    expect(await notifier(fetch)({ recipientBaseUri: 'https://recipient.example', arrangementId: 'a-2' })).toMatchObject({ delivered: false, attempts: 3, error: 'ETIMEDOUT' });
  });
});
