import { z } from 'zod';

/** The service's whole environment, validated once at start (only service/main.ts reads it). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('localhost'),
  DATABASE_URL: z.string().min(1).default('./data/consent.db'),
  BUNDLE_DIR: z.string().min(1).default('./dist'),
  /** The origin end users reach the service at, when it differs from http://HOST:PORT (behind a proxy). */
  PUBLIC_URL: z.url().optional(),
  /** How often the lifecycle scheduler runs (expiry, warnings, jobs, webhook deliveries). */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Pause before each sandbox connection step, so progress is visible as with a real bank. */
  SANDBOX_STEP_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(600),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return result.data;
}
