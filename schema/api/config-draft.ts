import { z } from 'zod';
import { configSchema } from '../config/config.js';

/** `GET`/`PUT /v1/config/draft`: the draft with who saved it last; its `ETag` is derived from `revision`. */
export const configDraftSchema = z.strictObject({
  revision: z.number().int().min(1),
  updatedAt: z.string(),
  updatedBy: z.string(),
  config: configSchema,
});
export type ConfigDraft = z.infer<typeof configDraftSchema>;

/** A published version in a list: immutable, with who published it and when. */
export const configVersionSummarySchema = z.strictObject({
  version: z.number().int().min(1),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type ConfigVersionSummary = z.infer<typeof configVersionSummarySchema>;

/** `GET /v1/config/versions/{n}`: one version with its document. */
export const configVersionSchema = configVersionSummarySchema.extend({ config: configSchema });
export type ConfigVersion = z.infer<typeof configVersionSchema>;

/** `POST /v1/config/rollback`: make this version the draft (publish to make it live). */
export const rollbackSchema = z.strictObject({
  version: z.number({ error: 'Give a version number' }).int({ error: 'Give a version number' }).min(1, { error: 'Versions start at 1' }),
});
export type Rollback = z.infer<typeof rollbackSchema>;
