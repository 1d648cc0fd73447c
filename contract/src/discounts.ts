import { z } from 'zod';
import { RoleKey } from './access.js';
import { Id, Timestamp } from './common.js';

// Discount control (issue 20): how far each role may discount a deal's lines or a document's
// lines on its own, and the approval requests for a discount beyond that (src/modules/calculator/
// discounts.ts). Percentages are decimals with at most two places, as the line discounts are.
export const DiscountPercent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage with at most two places')
  .refine((v) => Number(v) <= 100, 'at most 100');

export const DiscountLimit = z.object({ role: RoleKey, maxPercent: DiscountPercent });
export type DiscountLimit = z.infer<typeof DiscountLimit>;
export const DiscountLimits = z.object({ items: z.array(DiscountLimit) });
export type DiscountLimits = z.infer<typeof DiscountLimits>;
export const DiscountLimitsBody = z.strictObject({
  items: z
    .array(z.strictObject({ role: RoleKey, maxPercent: DiscountPercent }))
    .min(1)
    .max(5),
});
export type DiscountLimitsBody = z.infer<typeof DiscountLimitsBody>;

export const DiscountApprovalStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);
export type DiscountApprovalStatus = z.infer<typeof DiscountApprovalStatus>;

const Comment = z.string().trim().max(1000);

export const DiscountApproval = z.object({
  id: Id,
  dealId: Id.nullable(),
  documentId: Id.nullable(),
  // The deal's title or the document's kind and deal, for the list.
  title: z.string(),
  // The largest line discount asked for, in percent of the line.
  percent: z.string(),
  status: DiscountApprovalStatus,
  requestedBy: Id.nullable(),
  requestedAt: Timestamp,
  requestComment: z.string().nullable(),
  decidedBy: Id.nullable(),
  decidedAt: Timestamp.nullable(),
  decisionComment: z.string().nullable(),
});
export type DiscountApproval = z.infer<typeof DiscountApproval>;

export const DiscountApprovalListQuery = z.strictObject({
  status: DiscountApprovalStatus.optional(),
  dealId: Id.optional(),
  documentId: Id.optional(),
});
export type DiscountApprovalListQuery = z.infer<typeof DiscountApprovalListQuery>;

// Ask for approval of what a deal's or a draft document's lines now carry (one of the two).
export const DiscountApprovalCreateBody = z
  .strictObject({
    dealId: Id.optional(),
    documentId: Id.optional(),
    comment: Comment.optional(),
  })
  .refine((b) => Boolean(b.dealId) !== Boolean(b.documentId), {
    message: 'name a deal or a document',
    path: ['dealId'],
  });
export type DiscountApprovalCreateBody = z.infer<typeof DiscountApprovalCreateBody>;

export const DiscountDecisionBody = z.strictObject({ comment: Comment.optional() });
export type DiscountDecisionBody = z.infer<typeof DiscountDecisionBody>;
