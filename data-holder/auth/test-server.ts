import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll } from 'vitest';
import { createRegister, type Register } from '../register/register.js';
import { createAuthorisationServer, type AuthorisationServer, type NoticeOutcome } from './authorisation-server.js';
import { browser, createTestRecipient, type TestRecipient } from './test-recipient.js';

/** The mock Register of the test file that called `useAuthorisationServer` (a live binding, set before its tests). */
export let register: Register;
/** That file's authorisation server, on its two listeners. */
export let server: AuthorisationServer;
/** A browser for the bank's consumer pages, trusting the Register's CA. */
export let bank: ReturnType<typeof browser>;
/** That file's recipients, each registered with a software statement. */
export const recipients: TestRecipient[] = [];
/** How that file's revocation notices to recipients ended, in order. */
export const noticeOutcomes: NoticeOutcome[] = [];

/**
 * Starts a Register, the authorisation server and `count` recipients before the calling file's tests,
 * and stops them after. Vitest gives each test file its own module instance, so these belong to it.
 */
export function useAuthorisationServer(count = 1): void {
  beforeAll(async () => {
    register = await createRegister();
    server = await createAuthorisationServer({
      register,
      serverCertificate: await register.issueServerCertificate(['127.0.0.1']),
      // Retried quickly, and collected rather than logged.
      revocationNotices: { retryDelayMs: 10, onOutcome: (outcome) => void noticeOutcomes.push(outcome) },
    });
    recipients.push(...(await Promise.all(Array.from({ length: count }, () => createTestRecipient(register, server.issuer)))));
    bank = browser(register.caCert);
  });
  afterAll(async () => {
    await bank?.close();
    await Promise.all(recipients.map((r) => r.close()));
    await server?.close();
  });
}

/** `POST /arrangements/revoke` as the recipient sends it: form parameter, private_key_jwt, mutual TLS. */
export async function revokeArrangement(r: TestRecipient, arrangementId: string) {
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'PS256' })
    .setIssuer(r.clientId).setSubject(r.clientId).setAudience(server.issuer).setIssuedAt().setExpirationTime('1m').setJti(randomUUID())
    .sign(r.privateKey);
  return r.mtlsFetch(`${server.mtlsOrigin}/arrangements/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: r.clientId, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, cdr_arrangement_id: arrangementId }).toString(),
  });
}

/** Resolves once `done()` holds, polling briefly (a notice is sent after the page has answered). */
export async function eventually(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
