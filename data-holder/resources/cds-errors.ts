import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The Consumer Data Standards' error payload (ResponseErrorListV2) and the standard error codes this
 * data holder answers with ("Error Codes" › "Standard Error Codes"; "HTTP Response Codes").
 * Every failure in the resource APIs is a thrown CdsError, turned into one body by one onError.
 */
export const CDS_ERRORS = {
  fieldMissing: { status: 400, code: 'urn:au-cds:error:cds-all:Field/Missing', title: 'Missing Required Field' },
  headerMissing: { status: 400, code: 'urn:au-cds:error:cds-all:Header/Missing', title: 'Missing Required Header' },
  fieldInvalid: { status: 400, code: 'urn:au-cds:error:cds-all:Field/Invalid', title: 'Invalid Field' },
  headerInvalid: { status: 400, code: 'urn:au-cds:error:cds-all:Header/Invalid', title: 'Invalid Header' },
  invalidDateTime: { status: 400, code: 'urn:au-cds:error:cds-all:Field/InvalidDateTime', title: 'Invalid Date' },
  invalidPageSize: { status: 400, code: 'urn:au-cds:error:cds-all:Field/InvalidPageSize', title: 'Invalid Page Size' },
  invalidVersion: { status: 400, code: 'urn:au-cds:error:cds-all:Header/InvalidVersion', title: 'Invalid Version' },
  // The standard defines no code for a 401 (RFC 6750 governs it: WWW-Authenticate) nor for a 406 on
  // the Accept header: both use "Expected Error Encountered", whose title is constant per code.
  unauthorised: { status: 401, code: 'urn:au-cds:error:cds-all:GeneralError/Expected', title: 'Expected Error Encountered' },
  notAcceptable: { status: 406, code: 'urn:au-cds:error:cds-all:GeneralError/Expected', title: 'Expected Error Encountered' },
  // "Token has incorrect scope" is a 403 (HTTP Response Codes); Consent Is Invalid is the code for a
  // consent "insufficient to execute the resource".
  invalidConsent: { status: 403, code: 'urn:au-cds:error:cds-all:Authorisation/InvalidConsent', title: 'Consent Is Invalid' },
  resourceNotImplemented: { status: 404, code: 'urn:au-cds:error:cds-all:Resource/NotImplemented', title: 'Resource Not Implemented' },
  resourceNotFound: { status: 404, code: 'urn:au-cds:error:cds-all:Resource/NotFound', title: 'Resource Not Found' },
  invalidBankingAccount: { status: 404, code: 'urn:au-cds:error:cds-banking:Authorisation/InvalidBankingAccount', title: 'Invalid Banking Account' },
  unavailableBankingAccount: { status: 404, code: 'urn:au-cds:error:cds-banking:Authorisation/UnavailableBankingAccount', title: 'Unavailable Banking Account' },
  unsupportedVersion: { status: 406, code: 'urn:au-cds:error:cds-all:Header/UnsupportedVersion', title: 'Unsupported Version' },
  invalidPage: { status: 422, code: 'urn:au-cds:error:cds-all:Field/InvalidPage', title: 'Invalid Page' },
  // The mock Register's own (Register APIs: Register Error Codes); a 403 for a caller that is not the
  // software product it asks about has no code of its own, so Expected Error Encountered.
  forbidden: { status: 403, code: 'urn:au-cds:error:cds-all:GeneralError/Expected', title: 'Expected Error Encountered' },
  invalidBrand: { status: 403, code: 'urn:au-cds:error:cds-register:Field/InvalidBrand', title: 'Invalid Brand' },
  invalidIndustry: { status: 404, code: 'urn:au-cds:error:cds-register:Field/InvalidIndustry', title: 'Invalid Industry' },
  invalidSoftwareProduct: { status: 404, code: 'urn:au-cds:error:cds-register:Field/InvalidSoftwareProduct', title: 'Invalid Software Product' },
  unexpected: { status: 500, code: 'urn:au-cds:error:cds-all:GeneralError/Unexpected', title: 'Unexpected Error Encountered' },
} as const satisfies Record<string, { status: ContentfulStatusCode; code: string; title: string }>;

export type CdsErrorKind = keyof typeof CDS_ERRORS;

/** One entry of ResponseErrorListV2 `errors`. */
export interface CdsErrorEntry {
  code: string;
  title: string;
  detail: string;
  meta?: Record<string, unknown>;
}

export class CdsError extends Error {
  readonly status: ContentfulStatusCode;
  readonly entry: CdsErrorEntry;
  /** Extra response headers, e.g. WWW-Authenticate on a 401. */
  readonly headers: Record<string, string>;

  constructor(kind: CdsErrorKind, detail: string, options: { meta?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    const { status, code, title } = CDS_ERRORS[kind];
    super(`${title}: ${detail}`);
    this.status = status;
    this.entry = { code, title, detail, ...(options.meta ? { meta: options.meta } : {}) };
    this.headers = options.headers ?? {};
  }

  get body(): { errors: CdsErrorEntry[] } {
    return { errors: [this.entry] };
  }
}
