import { z } from 'zod';
import { API_KEY_SCOPES, parseConfig, unsafeUrlReason, type ApiKeyScope, type CreatedApiKey } from '../../schema/index.js';
import { createApiKey } from '../api-keys/api-keys.repository.js';
import type { Clock } from '../clock.js';
import { snapshotDraft, upsertDraft } from '../configs/configs.repository.js';
import type { Db } from '../db/database.js';
import { randomBase62 } from '../security/secrets.js';
import { insertApplication, type Application } from './apps.repository.js';

/** An allowed origin for session routes: scheme, host and port only (https; http only for localhost). */
export const originSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const reason = unsafeUrlReason(value);
    if (reason) return void ctx.addIssue({ code: 'custom', message: reason });
    const url = new URL(value);
    if (url.origin !== value.replace(/\/$/, '')) ctx.addIssue({ code: 'custom', message: `Give an origin without a path, like ${url.origin}` });
  })
  .transform((value) => new URL(value).origin);

export const newApplicationSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'Required' }).max(80, { error: 'At most 80 characters' }),
  environment: z.enum(['sandbox', 'production'], { error: 'Use sandbox or production' }).default('sandbox'),
  origins: z.array(originSchema).max(20).default([]),
});
export type NewApplication = z.input<typeof newApplicationSchema>;

/**
 * Creates an application with the default config published as version 1 (so its widget works at once)
 * and a first API key holding every scope. The key's secret is returned here and nowhere else.
 */
export async function createApplication(db: Db, clock: Clock, input: NewApplication, scopes: readonly ApiKeyScope[] = API_KEY_SCOPES): Promise<{ application: Application; apiKey: CreatedApiKey }> {
  const { name, environment, origins } = newApplicationSchema.parse(input);
  const at = clock.now().toISOString();
  const application: Application = { id: `app_${randomBase62(12).toLowerCase()}`, name, environment, allowedOrigins: [...new Set(origins)], createdAt: at };
  return db.transaction().execute(async (trx) => {
    await insertApplication(trx, application);
    await upsertDraft(trx, application.id, parseConfig({}), at, 'app:create');
    await snapshotDraft(trx, application.id, at, 'app:create');
    const apiKey = await createApiKey(trx, { appId: application.id, environment, name: 'Default key', scopes, at });
    return { application, apiKey };
  });
}
