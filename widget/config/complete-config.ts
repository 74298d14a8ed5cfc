import type { Config } from '../../schema/index.js';
import { DEFAULT_CONFIG, PERMISSION_DEFAULTS } from '../../schema/defaults.js';

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type PartialConfig = DeepPartial<Config>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(defaults: unknown, value: unknown): unknown {
  if (value === undefined) return defaults;
  if (isPlainObject(defaults) && isPlainObject(value)) {
    const merged: Record<string, unknown> = {};
    for (const key of Object.keys(defaults)) merged[key] = mergeInto(defaults[key], value[key]);
    return merged;
  }
  // Arrays and scalars replace the default whole; a value of the wrong kind keeps the default. Text may
  // come as a map by locale (schema/config/localized-text.ts).
  if (Array.isArray(defaults)) return Array.isArray(value) ? value : defaults;
  return typeof value === typeof defaults || (typeof defaults === 'string' && isPlainObject(value)) ? value : defaults;
}

/**
 * Fills what a partial config leaves out with the defaults, without shipping zod to the browser:
 * the service validates every stored config; this covers a `config` property set by hand.
 * Keys the schema does not know are dropped.
 */
export function completeConfig(partial: PartialConfig | undefined): Config {
  const config = mergeInto(DEFAULT_CONFIG, partial ?? {}) as Config;
  // Arrays replace the default whole, so their items' own defaults are filled here, as the schema does.
  const { permissions } = config.consent;
  const lacksRequired = (p: unknown) => typeof p === 'object' && p !== null && (p as { required?: unknown }).required === undefined;
  if (permissions.some(lacksRequired)) {
    config.consent.permissions = permissions.map((p) => (lacksRequired(p) ? { ...p, required: PERMISSION_DEFAULTS.required } : p));
  }
  return config;
}
