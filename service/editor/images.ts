import { createHash } from 'node:crypto';
import type { ServiceDeps } from '../deps.js';
import { Problem } from '../errors/problem.js';
import { insertImage } from './editor.repository.js';

/** Header images up to 200 KB: a header is small, and the service's body limit is 256 KiB. */
export const MAX_IMAGE_BYTES = 200 * 1024;

/** Raster formats only, recognised by their magic bytes: SVG could carry script, and a claimed type is not trusted. */
const FORMATS = [
  { type: 'image/png', ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', ext: 'gif', magic: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', ext: 'webp', magic: [0x52, 0x49, 0x46, 0x46], at8: [0x57, 0x45, 0x42, 0x50] },
] as const;

export function sniffImage(bytes: Uint8Array) {
  return FORMATS.find((f) => f.magic.every((b, i) => bytes[i] === b) && (!('at8' in f) || f.at8.every((b, i) => bytes[8 + i] === b)));
}

/** Stores an uploaded header image and answers its id (content hash + extension). */
export async function storeImage(deps: Pick<ServiceDeps, 'db' | 'clock'>, appId: string, contentType: string, bytes: Uint8Array): Promise<string> {
  const invalid = (detail: string) => new Problem(400, 'invalid-image', 'Invalid image', { detail, errors: [{ path: 'body', message: detail }] });
  if (bytes.length === 0) throw invalid('The upload is empty.');
  if (bytes.length > MAX_IMAGE_BYTES) throw invalid(`Images are limited to ${MAX_IMAGE_BYTES / 1024} KB.`);
  const format = sniffImage(bytes);
  if (!format) throw invalid('Use a PNG, JPEG, WebP or GIF image.');
  if (contentType && !contentType.startsWith(format.type)) throw invalid(`The file is a ${format.type} but was sent as ${contentType}.`);
  const id = `${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}.${format.ext}`;
  await insertImage(deps.db, { id, appId, contentType: format.type, bytes, createdAt: deps.clock.now().toISOString() });
  return id;
}
