import { z } from 'zod';

export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

export const Locale = z.enum(['ru', 'en']);
export type Locale = z.infer<typeof Locale>;

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown IANA time zone');

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.trim().toLowerCase());

export const Name = (max = 200) => z.string().trim().min(1).max(max);

export const Password = z.string().min(10, 'at least 10 characters').max(200);

export const Timestamp = z.iso.datetime({ offset: true });

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

export const IdParams = z.strictObject({ id: Id });
