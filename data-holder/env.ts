import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** The data holder's whole environment, validated once at start (only data-holder/main.ts reads it). */
const envSchema = z.object({
  DATA_HOLDER_HOST: z.string().min(1).default('127.0.0.1'),
  /** The plain-TLS listener (browsers: authorisation, discovery); 0 picks a free port. */
  DATA_HOLDER_PORT: port(8443),
  /** The mutual-TLS listener (recipients' back channel and the resource APIs); 0 picks a free port. */
  DATA_HOLDER_MTLS_PORT: port(8444),
  /**
   * Where to write sandbox credentials for the consent service (Register URIs, CA, a client certificate
   * for software product `consent-ui-sandbox`); not written when unset. Its directory must exist.
   */
  DATA_HOLDER_RECIPIENT_FILE: z
    .string()
    .min(1)
    .transform((path) => resolve(path))
    .refine((path) => existsSync(dirname(path)) && statSync(dirname(path)).isDirectory(), 'its directory must exist')
    .refine((path) => !existsSync(path) || statSync(path).isFile(), 'must be a file path, not a directory')
    .optional(),
});

export type DataHolderEnv = z.infer<typeof envSchema>;

/** Every variable the data holder reads: docs/deploy.md lists each (scripts/env-reference.test.ts compares). */
export const DATA_HOLDER_ENV_VARIABLES = Object.keys(envSchema.shape) as readonly (keyof DataHolderEnv)[];

/** Throws one line naming every bad variable. */
export function readDataHolderEnv(source: NodeJS.ProcessEnv = process.env): DataHolderEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`data holder: invalid environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
