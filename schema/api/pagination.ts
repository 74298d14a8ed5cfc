import { z } from 'zod';

/**
 * Query of a list route: `limit` items (1 to 100) after the opaque `cursor` a previous page returned.
 * `defaultLimit` is for lists a client reads whole without paging (the widget's consent manager).
 * Unknown query parameters are ignored (cache busters), the known ones validated.
 */
export const pageQuery = ({ defaultLimit = 20 }: { defaultLimit?: number } = {}) =>
  z.object({
    limit: z.coerce
      .number({ error: 'Use a whole number' })
      .int({ error: 'Use a whole number' })
      .min(1, { error: 'At least 1' })
      .max(100, { error: 'At most 100' })
      .default(defaultLimit),
    cursor: z.string().min(1).max(200).optional(),
  });

/** Query of every partner list route: 20 items by default. */
export const pageQuerySchema = pageQuery();
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** One page of a list: `nextCursor` is null on the last page. */
export const pageSchema = <Item extends z.ZodType>(item: Item) =>
  z.strictObject({
    data: z.array(item),
    nextCursor: z.string().nullable(),
  });
