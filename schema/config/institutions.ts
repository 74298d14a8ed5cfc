import { z } from 'zod';
import { DEFAULT_CONFIG } from '../defaults.js';
import { slug } from '../primitives.js';

export const institutionsSchema = z
  .strictObject({
    mode: z.enum(['all', 'selected'], { error: 'Choose "all" or "selected"' }).default(DEFAULT_CONFIG.institutions.mode),
    selected: z.array(slug).max(500).default(() => []),
  })
  .superRefine(
    (institutions, ctx) => {
      if (institutions.mode === 'selected' && institutions.selected.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['selected'], message: 'Select at least one institution, or show all' });
      }
    },
    // Also when an id in the list is malformed, so both messages show at once.
    { when: ({ value }) => typeof value === 'object' && value !== null && Array.isArray((value as { selected?: unknown }).selected) },
  );
