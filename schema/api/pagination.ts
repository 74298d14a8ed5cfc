import { z } from 'zod';

/**
 * Query of every list route: `limit` items after the opaque `cursor` a previous page returned. Unknown
 * query parameters are ignored (cache busters), the known ones validated.
 */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'Use a whole number' })
    .int({ error: 'Use a whole number' })
    .min(1, { error: 'At least 1' })
    .max(100, { error: 'At most 100' })
    .default(20),
  cursor: z.string().min(1).max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** One page of a list: `nextCursor` is null on the last page. */
export const pageSchema = <Item extends z.ZodType>(item: Item) =>
  z.strictObject({
    data: z.array(item),
    nextCursor: z.string().nullable(),
  });
