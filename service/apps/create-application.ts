import { z } from 'zod';
import { API_KEY_SCOPES, ConfigError, parseConfig, unsafeUrlReason, type ApiKeyScope, type Config, type CreatedApiKey } from '../../schema/index.js';
import { createApiKey } from '../api-keys/api-keys.repository.js';
import type { Clock } from '../clock.js';
import { snapshotDraft, upsertDraft } from '../configs/configs.repository.js';
import { publishBlockers } from '../configs/publish-readiness.js';
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

/**
 * Who the end user shares data with, as the consent step and the receipt state it (Rule 4.11(3)): the
 * brand, the accredited legal entity and its number, and the CDR policy (Rule 7.2). Validated by the
 * config schema itself, so problems carry config paths (`consent.accreditation.number`).
 */
export interface RecipientIdentity {
  readonly brandName: string;
  readonly legalName: string;
  readonly accreditationNumber: string;
  readonly cdrPolicyUrl: string;
}

export const newApplicationSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'Required' }).max(80, { error: 'At most 80 characters' }),
  environment: z.enum(['sandbox', 'production'], { error: 'Use sandbox or production' }).default('sandbox'),
  origins: z.array(originSchema).max(20).default([]),
  identity: z.custom<RecipientIdentity>((value) => typeof value === 'object' && value !== null).optional(),
});
export type NewApplication = z.input<typeof newApplicationSchema>;

/**
 * The first config: the reference defaults with the recipient's own identity. Without one (tests and
 * in-process set-ups only; `npm run app:create` always asks) the schema's demo identity stays, and a
 * production application may not publish again until it is replaced (configs/publish-readiness.ts).
 */
export function initialConfig(identity: RecipientIdentity | undefined): Config {
  if (!identity) return parseConfig({});
  return parseConfig({
    consent: { brandName: identity.brandName, accreditation: { name: identity.legalName, number: identity.accreditationNumber }, cdrPolicyUrl: identity.cdrPolicyUrl },
  });
}

/**
 * Creates an application with the default config and the recipient's identity published as version 1
 * (so its widget works at once) and a first API key holding every scope. The key's secret is returned
 * here and nowhere else. Throws a ConfigError (config paths) for a bad identity, or one a production
 * application could not publish: version 1 passes the same publish rule as any later version.
 */
export async function createApplication(db: Db, clock: Clock, input: NewApplication, scopes: readonly ApiKeyScope[] = API_KEY_SCOPES): Promise<{ application: Application; apiKey: CreatedApiKey }> {
  const { name, environment, origins, identity } = newApplicationSchema.parse(input);
  const config = initialConfig(identity);
  const blockers = identity ? publishBlockers(JSON.stringify(config), environment) : [];
  if (blockers.length) throw new ConfigError(blockers);
  const at = clock.now().toISOString();
  const application: Application = { id: `app_${randomBase62(12).toLowerCase()}`, name, environment, allowedOrigins: [...new Set(origins)], createdAt: at };
  return db.transaction().execute(async (trx) => {
    await insertApplication(trx, application);
    await upsertDraft(trx, application.id, config, at, 'app:create');
    await snapshotDraft(trx, application.id, at, 'app:create');
    const apiKey = await createApiKey(trx, { appId: application.id, environment, name: 'Default key', scopes, at });
    return { application, apiKey };
  });
}
