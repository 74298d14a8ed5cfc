import { z } from 'zod';
import { configSchema } from './config.js';

/**
 * The config as JSON Schema (draft 2020-12), for editors and partners' tooling. It describes the input
 * side: what a partner may write, with every field optional and its default stated.
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://consent-ui.dev/schema/config.json',
    title: 'Consent UI config',
  };
}
