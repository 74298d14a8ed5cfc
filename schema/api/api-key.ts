import { z } from 'zod';

/** What an API key may do; a route names the one scope it needs (a missing scope is a 403). */
export const API_KEY_SCOPES = [
  'config:read',
  'config:write',
  'users:read',
  'users:write',
  'sessions:write',
  'consents:read',
  'consents:write',
  'data:read',
  'keys:manage',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES, { error: `Use one of: ${API_KEY_SCOPES.join(', ')}` });

/** `POST /v1/api-keys`: a new key for the caller's application, with at most the caller's own scopes. */
export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'Required' }).max(80, { error: 'At most 80 characters' }),
  scopes: z.array(apiKeyScopeSchema).min(1, { error: 'Give at least one scope' }).max(API_KEY_SCOPES.length),
});
export type CreateApiKey = z.infer<typeof createApiKeySchema>;

/** A key as listed: never the secret, only its visible prefix. */
export const apiKeySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** The key's first characters, shown so people can tell keys apart. */
  prefix: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The answer to a key's creation: the only time the secret is shown. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
