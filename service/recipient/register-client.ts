import type { MtlsFetch } from './mtls-fetch.js';
import type { RecipientIdentity } from './recipient-identity.js';

/** A data holder brand as the Register lists it (Get Data Holder Brands). */
export interface RegisterBrand {
  readonly dataHolderBrandId: string;
  readonly brandName: string;
  readonly logoUri: string;
  readonly status: string;
  readonly endpointDetail: { readonly publicBaseUri: string; readonly resourceBaseUri: string; readonly infosecBaseUri: string };
  readonly authDetails?: readonly { readonly registerUType: string; readonly jwksEndpoint: string }[];
}

export class RegisterError extends Error {}

async function ok(res: Response, what: string): Promise<Response> {
  if (res.ok) return res;
  throw new RegisterError(`The Register refused ${what}: ${res.status} ${(await res.text()).slice(0, 200)}`);
}

/** The Register as the recipient uses it: its software statement, and the data holders' brands. */
export function registerClient(identity: RecipientIdentity, fetch: MtlsFetch, recipient: { baseUrl: string; redirectUri: string; jwksUri: string }) {
  const product = `/banking/data-recipients/brands/${encodeURIComponent(identity.brandId)}/software-products/${encodeURIComponent(identity.softwareProductId)}`;
  let enrolled: Promise<void> | undefined;
  /** The sandbox Register learns the product's URIs here; a real one holds them from onboarding. */
  const enrol = () =>
    (enrolled ??= fetch(`${identity.registerMtlsUri}/v1/sandbox/software-products/${encodeURIComponent(identity.softwareProductId)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        brandId: identity.brandId,
        brandName: 'Consent UI',
        legalEntityId: `${identity.brandId}-legal-entity`,
        legalEntityName: 'Consent UI Pty Ltd',
        redirectUris: [recipient.redirectUri],
        jwksUri: recipient.jwksUri,
        recipientBaseUri: recipient.baseUrl,
        scope: 'openid profile bank:accounts.basic:read bank:accounts.detail:read bank:transactions:read bank:payees:read bank:regular_payments:read common:customer.basic:read common:customer.detail:read cdr:registration',
      }),
    })
      .then((res) => ok(res, 'the sandbox enrolment'))
      .then(() => undefined)
      .catch((error: unknown) => {
        enrolled = undefined;
        throw error;
      }));

  return {
    /** A fresh software statement assertion (they live minutes: one per registration). */
    async softwareStatement(): Promise<string> {
      if (identity.enrolAtStart) await enrol();
      const res = await ok(await fetch(`${identity.registerMtlsUri}/v1${product}/ssa`, { headers: { 'x-v': '3' } }), 'a software statement');
      const body = (await res.text()).trim();
      return body.startsWith('"') ? (JSON.parse(body) as string) : body;
    },
    async dataHolderBrands(): Promise<RegisterBrand[]> {
      const brands: RegisterBrand[] = [];
      let next: string | undefined = `${identity.registerMtlsUri}/v1/banking/data-holders/brands?page-size=1000`;
      for (let page = 0; next && page < 50; page++) {
        const res = await ok(await fetch(next, { headers: { 'x-v': '2' } }), 'the data holder brands');
        const body = (await res.json()) as { data: RegisterBrand[]; links?: { next?: string } };
        brands.push(...body.data);
        next = body.links?.next;
      }
      return brands;
    },
  };
}

export type RegisterClient = ReturnType<typeof registerClient>;
