import { z } from 'zod';
import { CustomEntity } from './custom-fields.js';
import { Id, Name, Timestamp } from './common.js';

// A member's named filter and sort for one list; only its owner sees it.
export const ViewQueryValue = z.union([
  z.string().max(200),
  z.number(),
  z.boolean(),
  z.array(z.string().max(200)).max(50),
]);
export const ViewQuery = z.record(z.string().max(60), ViewQueryValue);
export type ViewQuery = z.infer<typeof ViewQuery>;

export const SavedView = z.object({
  id: Id,
  entity: CustomEntity,
  name: z.string(),
  query: ViewQuery,
  createdAt: Timestamp,
});
export type SavedView = z.infer<typeof SavedView>;

export const SavedViewCreateBody = z.strictObject({
  entity: CustomEntity,
  name: Name(80),
  query: ViewQuery,
});
export type SavedViewCreateBody = z.infer<typeof SavedViewCreateBody>;

export const SavedViewListQuery = z.strictObject({ entity: CustomEntity.optional() });
