import { Problem } from '../errors/problem.js';

/** The draft's strong ETag: its revision, which every save bumps. */
export const draftEtag = (revision: number) => `"draft-${revision}"`;

/**
 * Checks `If-Match` against the draft (RFC 9110 §13.1.1, strong comparison). `required`: a write
 * without it answers 428 (RFC 6585), so a client cannot overwrite a draft it has not seen; a stale
 * tag answers 412 with the current ETag, and the newer draft is kept.
 */
export function checkIfMatch(header: string | undefined, currentRevision: number, required: boolean): void {
  const current = draftEtag(currentRevision);
  if (header === undefined || header.trim() === '') {
    if (!required) return;
    throw new Problem(428, 'precondition-required', 'Precondition required', {
      detail: `Send "If-Match" with the draft's ETag (from GET /v1/config/draft); the current one is ${current}.`,
      headers: { etag: current },
    });
  }
  const tags = header.split(',').map((tag) => tag.trim());
  if (tags.includes('*') && required) {
    throw new Problem(428, 'precondition-required', 'Precondition required', { detail: 'Send the draft\'s ETag, not "*": the draft always exists.', headers: { etag: current } });
  }
  if (!tags.includes(current)) {
    throw new Problem(412, 'draft-changed', 'Draft changed', {
      detail: `The draft was saved by someone else since you read it; it is now ${current}. Reload it, reapply your change and save again.`,
      headers: { etag: current },
    });
  }
}
