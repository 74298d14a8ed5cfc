import { z } from 'zod';
import { configSchema, type Config } from './config.js';

/** One problem with a config: where (a JSON path like `consent.durationDays`) and what. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

export type ConfigResult = { readonly ok: true; readonly config: Config } | { readonly ok: false; readonly problems: ConfigProblem[] };

/** Thrown by parseConfig; carries every problem, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid config: ${problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Formats a zod path as the JSON path the editor and problem+json bodies use: `consent.purposes.0.title`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Flattens zod issues into problems, one per field, keeping each issue's own message. */
export function toProblems(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
}

/** Validates a config and fills every default; never throws. */
export function safeParseConfig(input: unknown): ConfigResult {
  const result = configSchema.safeParse(input);
  return result.success ? { ok: true, config: result.data } : { ok: false, problems: toProblems(result.error) };
}

/** Validates a config and fills every default; throws a ConfigError listing every problem. */
export function parseConfig(input: unknown): Config {
  const result = safeParseConfig(input);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}
