import type { IncomingMessage } from 'node:http';

/** The consumer pages' forms are a few short fields. */
const MAX_FORM_BYTES = 16 * 1024;

/** Why a form body was refused: the page answers 413 or 400, never 500. */
export class FormBodyError extends Error {
  constructor(readonly status: 400 | 413, message: string) {
    super(message);
  }
}

/**
 * Reads an HTML form's body: `application/x-www-form-urlencoded` (what the pages send) or well-formed
 * `multipart/form-data`; file parts are dropped. Anything else, malformed or too large, is a FormBodyError.
 */
export async function readFormBody(req: IncomingMessage): Promise<URLSearchParams> {
  const contentType = req.headers['content-type'] ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') {
    throw new FormBodyError(400, 'The form was not sent as a form.');
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_FORM_BYTES) throw new FormBodyError(413, 'The form is too large.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new FormBodyError(413, 'The form is too large.');
    chunks.push(chunk as Buffer);
  }
  let form: FormData;
  try {
    // The WHATWG parser: it throws on a bad multipart body or boundary instead of guessing.
    form = await new Request('https://form.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: Buffer.concat(chunks) }).formData();
  } catch {
    throw new FormBodyError(400, 'The form could not be read.');
  }
  const fields = new URLSearchParams();
  for (const [name, value] of form) if (typeof value === 'string') fields.append(name, value);
  return fields;
}
