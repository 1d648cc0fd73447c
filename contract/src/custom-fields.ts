import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';

// Custom fields: admins define them per entity; records carry their values in a `custom` object.
export const CustomEntity = z.enum(['companies', 'contacts', 'leads', 'deals']);
export type CustomEntity = z.infer<typeof CustomEntity>;

export const CustomFieldType = z.enum([
  'text',
  'number',
  'money',
  'date',
  'select',
  'multiselect',
  'boolean',
  'link',
]);
export type CustomFieldType = z.infer<typeof CustomFieldType>;

export const CustomFieldKey = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    'lower-case latin letters, digits and _, starting with a letter',
  );

export const CustomField = z.object({
  id: Id,
  entity: CustomEntity,
  key: z.string(),
  label: z.string(),
  type: CustomFieldType,
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.number().int(),
  createdAt: Timestamp,
});
export type CustomField = z.infer<typeof CustomField>;

const Options = z.array(z.string().trim().min(1).max(100)).max(100);

export const CustomFieldCreateBody = z.strictObject({
  entity: CustomEntity,
  key: CustomFieldKey,
  label: Name(100),
  type: CustomFieldType,
  options: Options.optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(10000).optional(),
});
export type CustomFieldCreateBody = z.infer<typeof CustomFieldCreateBody>;

// The key, type and entity are fixed once values exist: stored values and filters depend on them.
export const CustomFieldUpdateBody = z.strictObject({
  label: Name(100).optional(),
  options: Options.optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(10000).optional(),
});
export type CustomFieldUpdateBody = z.infer<typeof CustomFieldUpdateBody>;

export const CustomFieldListQuery = z.strictObject({ entity: CustomEntity.optional() });

// List query strings accept `custom.<key>=value` (exact) and `custom.<key>.gte|lte=value` (number,
// money and date ranges); the server checks the keys against the definitions.
export const withCustomFilters = <T extends z.ZodObject>(query: T) =>
  query.catchall(z.string().max(200));
export type CustomFilters = { [param: `custom.${string}`]: string };
export const customFilterParam = /^custom\.([a-z][a-z0-9_]{0,39})(?:\.(gte|lte))?$/;
