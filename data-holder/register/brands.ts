import { BRANDS, type BrandEntry } from './brands.data.js';

/** Where the sandbox data holder serves what the Register publishes about each brand. */
export interface BrandEndpoints {
  /** The one authorisation server every sandbox brand shares: each brand's `infosecBaseUri`. */
  readonly issuer: string;
  /** The mutual-TLS origin of the resource APIs: each brand's `resourceBaseUri`. */
  readonly mtlsOrigin: string;
  /** The JWKS the data holder signs ID tokens, JARM responses and revocation notices with. */
  readonly jwksUri: string;
  /** When the Register's record was last updated (ISO 8601). */
  readonly lastUpdated: string;
}

/** Register APIs: DataHolderBrandSummary (Get Data Holder Brands Summary). */
export interface DataHolderBrandSummary {
  readonly dataHolderBrandId: string;
  readonly brandName: string;
  readonly publicBaseUri: string;
  readonly logoUri: string;
  readonly industries: readonly ['banking'];
  readonly lastUpdated: string;
}

/** Register APIs: RegisterDataHolderBrand, version 2 (Get Data Holder Brands). */
export interface RegisterDataHolderBrand {
  readonly dataHolderBrandId: string;
  readonly brandName: string;
  readonly industries: readonly ['banking'];
  readonly logoUri: string;
  readonly legalEntity: { readonly legalEntityId: string; readonly legalEntityName: string; readonly logoUri: string; readonly status: 'ACTIVE' };
  readonly status: 'ACTIVE' | 'INACTIVE' | 'REMOVED';
  readonly endpointDetail: {
    readonly version: '1';
    readonly publicBaseUri: string;
    readonly resourceBaseUri: string;
    readonly infosecBaseUri: string;
    readonly extensionBaseUri: '';
    readonly websiteUri: string;
  };
  readonly authDetails: readonly [{ readonly registerUType: 'SIGNED-JWT'; readonly jwksEndpoint: string }];
  readonly lastUpdated: string;
}

export const publicBaseUri = (issuer: string, brandId: string) => `${issuer}/brands/${brandId}`;
export const logoUri = (issuer: string, brandId: string) => `${publicBaseUri(issuer, brandId)}/logo.svg`;

export function findBrand(brandId: string): BrandEntry | undefined {
  return BRANDS.find((brand) => brand.id === brandId);
}

export function brandSummaries(at: BrandEndpoints): DataHolderBrandSummary[] {
  return BRANDS.map((brand) => ({
    dataHolderBrandId: brand.id,
    brandName: brand.name,
    publicBaseUri: publicBaseUri(at.issuer, brand.id),
    logoUri: logoUri(at.issuer, brand.id),
    industries: ['banking'],
    lastUpdated: at.lastUpdated,
  }));
}

export function registerBrands(at: BrandEndpoints): RegisterDataHolderBrand[] {
  return BRANDS.map((brand) => {
    const base = publicBaseUri(at.issuer, brand.id);
    const logo = logoUri(at.issuer, brand.id);
    return {
      dataHolderBrandId: brand.id,
      brandName: brand.name,
      industries: ['banking'],
      logoUri: logo,
      // The sandbox has no legal entities of its own: each brand stands for one.
      legalEntity: { legalEntityId: `le-${brand.id}`, legalEntityName: brand.name, logoUri: logo, status: 'ACTIVE' },
      status: 'ACTIVE',
      endpointDetail: { version: '1', publicBaseUri: base, resourceBaseUri: at.mtlsOrigin, infosecBaseUri: at.issuer, extensionBaseUri: '', websiteUri: base },
      authDetails: [{ registerUType: 'SIGNED-JWT', jwksEndpoint: at.jwksUri }],
      lastUpdated: at.lastUpdated,
    };
  });
}
