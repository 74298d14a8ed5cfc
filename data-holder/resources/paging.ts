import { CdsError } from './cds-errors.js';

/**
 * Standard pagination ("Pagination"): `page` (first is 1, default 1) and `page-size` (default 25,
 * at most 1000 unless the endpoint says otherwise); links `first`/`prev` unless on the first page,
 * `next`/`last` unless on the last; meta `totalRecords` and `totalPages` (0 pages for 0 records).
 */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

const POSITIVE_INTEGER = /^0*[1-9]\d*$/;

export function parsePageRequest(query: (name: string) => string | undefined): PageRequest {
  const read = (name: 'page' | 'page-size', fallback: number) => {
    const value = query(name);
    if (value === undefined) return fallback;
    // PositiveInteger (Common Field Types); a wrong type is Invalid Field, detail the parameter.
    if (!POSITIVE_INTEGER.test(value)) throw new CdsError('fieldInvalid', name);
    return Number(value);
  };
  const page = read('page', 1);
  const pageSize = read('page-size', DEFAULT_PAGE_SIZE);
  if (pageSize > MAX_PAGE_SIZE) throw new CdsError('invalidPageSize', `page-size must be at most ${MAX_PAGE_SIZE}`);
  return { page, pageSize };
}

export interface Page<T> {
  readonly records: T[];
  readonly links: { self: string; first?: string; prev?: string; next?: string; last?: string };
  readonly meta: { totalRecords: number; totalPages: number };
}

/** One page of `all`; `self` is the request URL, the other links the same URL with another `page`. */
export function paginate<T>(all: readonly T[], request: PageRequest, selfUrl: string): Page<T> {
  const totalRecords = all.length;
  const totalPages = Math.ceil(totalRecords / request.pageSize);
  // Invalid Page (422): "the page being requested is out of range"; detail the pages available.
  if (request.page > Math.max(totalPages, 1)) throw new CdsError('invalidPage', String(totalPages));
  const at = (page: number) => {
    const url = new URL(selfUrl);
    url.searchParams.set('page', String(page));
    url.searchParams.set('page-size', String(request.pageSize));
    return url.toString();
  };
  const links: Page<T>['links'] = { self: selfUrl };
  if (request.page > 1) Object.assign(links, { first: at(1), prev: at(request.page - 1) });
  if (request.page < totalPages) Object.assign(links, { next: at(request.page + 1), last: at(totalPages) });
  const start = (request.page - 1) * request.pageSize;
  return { records: all.slice(start, start + request.pageSize), links, meta: { totalRecords, totalPages } };
}
