import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey } from 'jose';
import type { Fetch } from './client-assertion.js';

/** How one notice ended, for the log. */
export interface NoticeOutcome {
  readonly arrangementId: string;
  readonly endpoint: string;
  readonly delivered: boolean;
  readonly attempts: number;
  /** The last HTTP status, when the recipient answered at all. */
  readonly status?: number;
  readonly error?: string;
}

export interface RevocationNoticeOptions {
  /** The data holder brand the notices come from: `iss` and `sub` (Self-signed JWT Client Authentication). */
  readonly brandId: string;
  /** A key published in the data holder's JWKS, which the Register lists as the brand's `jwksEndpoint`. */
  readonly signingKey: { readonly key: CryptoKey; readonly kid: string; readonly alg: 'PS256' };
  readonly fetch: Fetch;
  /** Tries per notice; network errors and 5xx are tried again, anything else is final. Default 3. */
  readonly attempts?: number;
  /** Wait before the second try, doubled each time after. Default 500 ms. */
  readonly retryDelayMs?: number;
  readonly onOutcome?: (outcome: NoticeOutcome) => void;
}

/** Self-signed JWTs are short-lived and single-use: five minutes at most, a fresh jti per request. */
const JWT_TTL_S = 120;

/** `<RecipientBaseUri>/arrangements/revoke` (CDR Arrangement Revocation End Point, Data Recipient). */
export const recipientRevocationEndpoint = (recipientBaseUri: string) => `${recipientBaseUri.replace(/\/+$/, '')}/arrangements/revoke`;

/**
 * Tells a data recipient that the customer withdrew an arrangement at the data holder (CDR Arrangement
 * Revocation End Point, Data Recipient side): POST `cdr_arrangement_jwt` as a form parameter, with a
 * self-signed JWT as the bearer token. Both JWTs carry iss = sub = the brand, aud = the end point, iat,
 * exp, jti; the arrangement JWT also carries `cdr_arrangement_id`. Resolves with the outcome, never rejects.
 */
export function revocationNotifier(options: RevocationNoticeOptions) {
  const attempts = options.attempts ?? 3;
  const delay = options.retryDelayMs ?? 500;
  const sign = (claims: Record<string, unknown>, audience: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: options.signingKey.alg, kid: options.signingKey.kid, typ: 'JWT' })
      .setIssuer(options.brandId)
      .setSubject(options.brandId)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${JWT_TTL_S}s`)
      .setJti(randomUUID())
      .sign(options.signingKey.key);

  async function attempt(endpoint: string, arrangementId: string): Promise<{ status?: number; error?: string }> {
    try {
      // New JWTs each time: the recipient refuses a jti it has seen.
      const [bearer, arrangementJwt] = await Promise.all([sign({}, endpoint), sign({ cdr_arrangement_id: arrangementId }, endpoint)]);
      const res = await options.fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ cdr_arrangement_jwt: arrangementJwt }).toString(),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  return async function notify(input: { recipientBaseUri: string; arrangementId: string }): Promise<NoticeOutcome> {
    const endpoint = recipientRevocationEndpoint(input.recipientBaseUri);
    let last: { status?: number; error?: string } = {};
    let tries = 0;
    while (tries < attempts) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, delay * 2 ** (tries - 1)));
      tries += 1;
      last = await attempt(endpoint, input.arrangementId);
      if (last.status !== undefined && last.status < 500) break;
    }
    const delivered = last.status !== undefined && last.status >= 200 && last.status < 300;
    const outcome: NoticeOutcome = { arrangementId: input.arrangementId, endpoint, delivered, attempts: tries, ...last };
    options.onOutcome?.(outcome);
    return outcome;
  };
}

export type NotifyRecipient = ReturnType<typeof revocationNotifier>;

/** The default log line for an outcome. */
export function logOutcome(outcome: NoticeOutcome): void {
  const what = `arrangement ${outcome.arrangementId} → ${outcome.endpoint}`;
  if (outcome.delivered) console.info(`data holder: revocation notice delivered (${what}, HTTP ${outcome.status}, ${outcome.attempts} attempt(s))`);
  else console.warn(`data holder: revocation notice not delivered (${what}, ${outcome.status ? `HTTP ${outcome.status}` : outcome.error}, ${outcome.attempts} attempt(s))`);
}
