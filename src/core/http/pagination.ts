import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 200;

export type Page = { page: number; pageSize: number; offset: number };

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).catch(DEFAULT_PAGE_SIZE),
});

/** Reads `page` and `pageSize` from a query string; nonsense falls back to the defaults. */
export function readPage(query: unknown, defaultSize = DEFAULT_PAGE_SIZE): Page {
  const q = (query ?? {}) as Record<string, unknown>;
  const parsed = pageQuery.parse({ page: q.page ?? 1, pageSize: q.pageSize ?? defaultSize });
  return { ...parsed, offset: (parsed.page - 1) * parsed.pageSize };
}

/** The API's list envelope. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional().describe('Page number, from 1'),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .describe('Items per page, at most 200'),
});
