import { z } from 'zod';
import { Id, Locale, Name, TimeZone, Timestamp } from './common.js';

export const Plan = z.enum(['trial', 'active']);

export const Workspace = z.object({
  id: Id,
  slug: z.string(),
  name: z.string(),
  plan: Plan,
  trialEndsAt: Timestamp.nullable(),
  trialDaysLeft: z.number().int().nullable(),
  isReadOnly: z.boolean(),
  timezone: z.string(),
  locale: Locale,
  requireTwoFactor: z.boolean(),
  createdAt: Timestamp,
});
export type Workspace = z.infer<typeof Workspace>;

export const WorkspaceUpdateBody = z.strictObject({
  name: Name().optional(),
  timezone: TimeZone.optional(),
  locale: Locale.optional(),
  requireTwoFactor: z.boolean().optional(),
});
export type WorkspaceUpdateBody = z.infer<typeof WorkspaceUpdateBody>;
