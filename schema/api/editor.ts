import { z } from 'zod';
import { configSchema } from '../config/config.js';

/**
 * The editor's own API (cookie-authenticated, under /editor/api), shared by the service routes and the
 * editor components. The config inside is always the full, validated document.
 */
export const editorSessionSchema = z.strictObject({
  appId: z.string(),
  appName: z.string(),
  /** Who the editor link was made for; recorded as "published by". */
  label: z.string(),
  expiresAt: z.string(),
});
export type EditorSession = z.infer<typeof editorSessionSchema>;

/** Who last saved a draft, and when: shown when a save conflicts. */
export const draftStampSchema = z.strictObject({
  revision: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type DraftStamp = z.infer<typeof draftStampSchema>;

export const editorDraftSchema = draftStampSchema.extend({ config: configSchema });
export type EditorDraft = z.infer<typeof editorDraftSchema>;

export const versionSummarySchema = z.strictObject({
  version: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  live: z.boolean(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const versionDetailSchema = versionSummarySchema.extend({ config: configSchema });
export type VersionDetail = z.infer<typeof versionDetailSchema>;

export const publishResultSchema = z.strictObject({ version: z.number().int(), publishedAt: z.string() });
export type PublishResult = z.infer<typeof publishResultSchema>;

/** A short-lived link to `/preview/{appId}` for another device, with its QR code as SVG markup. */
export const previewLinkSchema = z.strictObject({ url: z.string(), expiresAt: z.string(), qrSvg: z.string() });
export type PreviewLink = z.infer<typeof previewLinkSchema>;

/** `POST /v1/editor-links` (docs/contract.md §3): optional body. */
export const editorLinkRequestSchema = z.strictObject({
  /** Who the link is for, e.g. a designer's name; shown in the version history. */
  label: z.string().trim().min(1).max(80).optional(),
  ttlSeconds: z.number().int().min(60).max(3600).optional(),
});
export const editorLinkSchema = z.strictObject({ url: z.string(), expiresAt: z.string() });
export type EditorLink = z.infer<typeof editorLinkSchema>;

/** One message on `/preview/{appId}/events` (Server-Sent Events, event name `draft`). */
export const draftEventSchema = draftStampSchema.extend({ config: configSchema });
export type DraftEvent = z.infer<typeof draftEventSchema>;
