import type { ConfigInput, Institution } from '../../schema/index.js';
import type { DraftStamp, EditorDraft, EditorSession, PreviewLink, PublishResult, VersionDetail, VersionSummary } from '../../schema/api/editor.js';

/** The draft's ETag for a revision, as the service makes it (service/configs/preconditions.ts). */
const draftEtag = (revision: number) => `"draft-${revision}"`;

/** A problem+json answer from the editor API, with its field problems and, for 412, the current draft. */
export class EditorApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: readonly { path: string; message: string }[] = [],
    readonly current?: DraftStamp,
  ) {
    super(message);
    this.name = 'EditorApiError';
  }
}

/**
 * The editor's calls to `/editor/api/*`. Authenticated by the editor-session cookie (HttpOnly,
 * SameSite=Strict), so no key or token ever lives in the page (issue 6).
 */
export class EditorApi {
  constructor(private readonly base = '/editor/api') {}

  session = () => this.#json<EditorSession>('GET', '/session');
  draft = () => this.#json<EditorDraft>('GET', '/draft');
  /** Saves only if the draft is still at `revision` (If-Match); a 412 carries who saved meanwhile. */
  saveDraft = (config: ConfigInput, revision: number) => this.#json<EditorDraft>('PUT', '/draft', config, { 'if-match': draftEtag(revision) });
  publish = (revision: number) => this.#json<PublishResult>('POST', '/publish', undefined, { 'if-match': draftEtag(revision) });
  versions = () => this.#json<{ data: VersionSummary[] }>('GET', '/versions').then((r) => r.data);
  version = (version: number) => this.#json<VersionDetail>('GET', `/versions/${version}`);
  rollback = (version: number, revision: number) => this.#json<EditorDraft>('POST', '/rollback', { version }, { 'if-match': draftEtag(revision) });
  previewLink = () => this.#json<PreviewLink>('POST', '/preview-links');
  /** Stores an image and answers the URL to put in `appearance.headerImage.url`. */
  institutions = () => this.#json<{ data: Institution[] }>('GET', '/institutions').then((r) => r.data);
  uploadImage = (file: Blob) => this.#json<{ url: string }>('POST', '/images', file, { 'content-type': file.type || 'application/octet-stream' });

  async #json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', ...headers } };
    if (body instanceof Blob) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, init);
    } catch (error) {
      throw new EditorApiError(0, String(error));
    }
    const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const errors = Array.isArray(payload.errors) ? (payload.errors as { path: string; message: string }[]) : [];
      const message = typeof payload.detail === 'string' ? payload.detail : typeof payload.title === 'string' ? payload.title : `HTTP ${response.status}`;
      throw new EditorApiError(response.status, message, errors, payload.current as DraftStamp | undefined);
    }
    return payload as T;
  }
}
