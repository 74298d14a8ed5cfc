import { randomUUID } from 'node:crypto';
import { HolderError } from './holder-clients.js';
import type { MtlsFetch } from './mtls-fetch.js';

/** The CDS fields the recipient keeps (Get Accounts, Get Bulk Balances, Get Account Detail, Get Transactions). */
export interface CdsAccount {
  readonly accountId: string;
  readonly creationDate?: string;
  readonly displayName: string;
  readonly nickname?: string;
  readonly openStatus?: string;
  readonly maskedNumber: string;
  readonly productCategory: string;
  readonly productName: string;
}
export interface CdsBalance {
  readonly accountId: string;
  readonly currentBalance: string;
  readonly availableBalance: string;
  readonly creditLimit?: string;
  readonly currency?: string;
}
export interface CdsAccountDetail extends CdsAccount {
  readonly bsb?: string;
  readonly accountNumber?: string;
  readonly depositRate?: string;
  readonly lendingRate?: string;
}
export interface CdsTransaction {
  readonly transactionId?: string;
  readonly accountId: string;
  readonly type: string;
  readonly status: string;
  readonly description: string;
  readonly postingDateTime?: string;
  readonly executionDateTime?: string;
  readonly amount: string;
  readonly currency?: string;
  readonly reference: string;
  readonly merchantName?: string;
  readonly merchantCategoryCode?: string;
  readonly billerName?: string;
  readonly [field: string]: unknown;
}

/** The versions the recipient asks for: the newest it understands, the oldest it accepts (x-v / x-min-v). */
const VERSIONS = {
  accounts: { v: 3, min: 2 },
  balances: { v: 2, min: 1 },
  detail: { v: 5, min: 4 },
  transactions: { v: 2, min: 1 },
} as const;

/** A resource call was refused: 401/403 mean the arrangement no longer grants it. */
export class CdsError extends HolderError {
  constructor(
    message: string,
    code: string,
    readonly status: number,
  ) {
    super(message, code);
  }
}

/**
 * The data holder's CDS resource APIs as the recipient calls them, customer not present: mutual TLS, the
 * access token, `x-v`/`x-min-v`, `x-fapi-interaction-id` and `x-fapi-auth-date` on every call; every page
 * followed through `links.next` (HTTP Headers; Pagination).
 */
export function cdsClient(fetch: MtlsFetch, resourceBaseUri: string, access: { token: () => Promise<string>; authTime: Date }) {
  const base = resourceBaseUri.replace(/\/$/, '');
  async function get<T>(url: string, version: { v: number; min: number }): Promise<{ data: T; links?: { next?: string } }> {
    const interactionId = randomUUID();
    const res = await fetch(url, {
      headers: {
        authorization: `Bearer ${await access.token()}`,
        accept: 'application/json',
        'x-v': String(version.v),
        'x-min-v': String(version.min),
        'x-fapi-interaction-id': interactionId,
        'x-fapi-auth-date': access.authTime.toUTCString(),
      },
    }).catch((error: unknown) => {
      throw new HolderError(`The data holder could not be reached: ${(error as Error).message}`, 'holder-unavailable');
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { errors?: { code?: string; detail?: string }[] };
      const first = body.errors?.[0];
      const code = res.status === 401 || res.status === 403 ? 'arrangement-not-granted' : res.status >= 500 ? 'holder-unavailable' : 'holder-refused';
      throw new CdsError(`The data holder answered ${res.status}${first?.code ? ` ${first.code}` : ''}${first?.detail ? `: ${first.detail}` : ''}`, code, res.status);
    }
    return (await res.json()) as { data: T; links?: { next?: string } };
  }
  async function all<T>(first: string, version: { v: number; min: number }, key: string): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = first;
    // A holder whose `next` never ends must not keep a job for ever.
    for (let page = 0; next && page < 1000; page++) {
      const body: { data: Record<string, T[]>; links?: { next?: string } } = await get(next, version);
      out.push(...(body.data[key] ?? []));
      next = body.links?.next;
    }
    return out;
  }
  return {
    accounts: () => all<CdsAccount>(`${base}/cds-au/v1/banking/accounts?open-status=ALL&page-size=1000`, VERSIONS.accounts, 'accounts'),
    balances: () => all<CdsBalance>(`${base}/cds-au/v1/banking/accounts/balances?page-size=1000`, VERSIONS.balances, 'balances'),
    detail: async (accountId: string) => (await get<CdsAccountDetail>(`${base}/cds-au/v1/banking/accounts/${encodeURIComponent(accountId)}`, VERSIONS.detail)).data,
    transactions: (accountId: string, oldest: Date, newest: Date) =>
      all<CdsTransaction>(
        `${base}/cds-au/v1/banking/accounts/${encodeURIComponent(accountId)}/transactions?oldest-time=${encodeURIComponent(oldest.toISOString())}&newest-time=${encodeURIComponent(newest.toISOString())}&page-size=1000`,
        VERSIONS.transactions,
        'transactions',
      ),
  };
}

export type CdsClient = ReturnType<typeof cdsClient>;
