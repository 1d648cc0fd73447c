import { z } from 'zod';
import { Id, Name, PageQuery, Timestamp } from './common.js';
import { CustomInput } from './companies.js';
import { withCustomFilters, type CustomFilters } from './custom-fields.js';

export const StageKind = z.enum(['open', 'won', 'lost']);
export type StageKind = z.infer<typeof StageKind>;

export const Stage = z.object({
  id: Id,
  pipelineId: Id,
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int(),
  kind: StageKind,
});
export type Stage = z.infer<typeof Stage>;

export const Pipeline = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int(),
  isDefault: z.boolean(),
  stages: z.array(Stage),
  createdAt: Timestamp,
});
export type Pipeline = z.infer<typeof Pipeline>;

// A stage in the ordered list that replaces a pipeline's stages: with an id it is kept (renamed,
// moved), without one it is new; a stage left out is removed. A stage holding deals is neither
// removed nor given another kind (409 `stage.has_deals` naming it).
export const StageInput = z.strictObject({
  id: Id.optional(),
  name: Name(120),
  probability: z.number().int().min(0).max(100),
  kind: StageKind,
});
export type StageInput = z.infer<typeof StageInput>;

export const PipelineCreateBody = z.strictObject({
  name: Name(120),
  stages: z.array(StageInput).min(1).max(50).optional(),
});
export type PipelineCreateBody = z.infer<typeof PipelineCreateBody>;
export const PipelineUpdateBody = z.strictObject({
  name: Name(120).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  isDefault: z.literal(true).optional(),
});
export type PipelineUpdateBody = z.infer<typeof PipelineUpdateBody>;
export const StagesReplaceBody = z.strictObject({ stages: z.array(StageInput).min(1).max(50) });
export type StagesReplaceBody = z.infer<typeof StagesReplaceBody>;

export const LostReason = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int(),
  archived: z.boolean(),
});
export type LostReason = z.infer<typeof LostReason>;
export const LostReasonCreateBody = z.strictObject({ name: Name(120) });
export type LostReasonCreateBody = z.infer<typeof LostReasonCreateBody>;
export const LostReasonUpdateBody = z.strictObject({
  name: Name(120).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  archived: z.boolean().optional(),
});
export type LostReasonUpdateBody = z.infer<typeof LostReasonUpdateBody>;

// Money: integer minor units (kopecks) and an ISO 4217 code.
export const Amount = z.number().int().min(0).max(9_000_000_000_000_000);
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. RUB');
export const DateOnly = z.iso.date();
const Tags = z.array(z.string().trim().min(1).max(50)).max(30);

export const StageVisit = z.object({
  stageId: Id,
  enteredAt: Timestamp,
  leftAt: Timestamp.nullable(),
  durationSeconds: z.number().int(),
});
export type StageVisit = z.infer<typeof StageVisit>;

export const Deal = z.object({
  id: Id,
  title: z.string(),
  pipelineId: Id,
  stageId: Id,
  amount: z.number().int(),
  currency: z.string(),
  expectedCloseDate: z.string().nullable(),
  companyId: Id.nullable(),
  companyName: z.string().nullable(),
  contactIds: z.array(Id),
  contacts: z.array(z.object({ id: Id, name: z.string() })),
  ownerId: Id.nullable(),
  lostReasonId: Id.nullable(),
  boardPosition: z.number(),
  stageEnteredAt: Timestamp,
  closedAt: Timestamp.nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  stageHistory: z.array(StageVisit).optional(),
});
export type Deal = z.infer<typeof Deal>;

export const DealCreateBody = z.strictObject({
  title: Name(300),
  pipelineId: Id.optional(),
  stageId: Id.optional(),
  amount: Amount.optional(),
  currency: Currency.optional(),
  expectedCloseDate: DateOnly.nullable().optional(),
  companyId: Id.nullable().optional(),
  contactIds: z.array(Id).max(50).optional(),
  ownerId: Id.nullable().optional(),
  lostReasonId: Id.nullable().optional(),
  tags: Tags.optional(),
  custom: CustomInput.optional(),
});
export type DealCreateBody = z.infer<typeof DealCreateBody>;

// The same fields as on create, all optional; the pipeline follows the stage.
export const DealUpdateBody = DealCreateBody.omit({ pipelineId: true }).partial();
export type DealUpdateBody = z.infer<typeof DealUpdateBody>;

// The drag on the board: the target stage and where the card lands in its column — before
// (above) `beforeId`, after (below) `afterId`; with neither, at the bottom.
export const DealMoveBody = z.strictObject({
  stageId: Id,
  beforeId: Id.nullable().optional(),
  afterId: Id.nullable().optional(),
  lostReasonId: Id.nullable().optional(),
});
export type DealMoveBody = z.infer<typeof DealMoveBody>;

export const DealSort = z.enum(['updatedAt', 'amount', 'expectedCloseDate', 'createdAt']);
export const DealListQuery = PageQuery.extend({
  pipelineId: Id.optional(),
  stageId: Id.optional(),
  ownerId: Id.optional(),
  companyId: Id.optional(),
  contactId: Id.optional(),
  tag: z.string().max(50).optional(),
  q: z.string().max(200).optional(),
  amountMin: z.coerce.number().int().min(0).optional(),
  amountMax: z.coerce.number().int().min(0).optional(),
  closeFrom: DateOnly.optional(),
  closeTo: DateOnly.optional(),
  sort: DealSort.default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type DealListQuery = z.infer<typeof DealListQuery>;
// The route's query string: the filters above plus `custom.<key>` filters.
export const DealListRequest = withCustomFilters(DealListQuery);
export type DealListRequest = Omit<DealListQuery, 'sort' | 'order'> &
  Partial<Pick<DealListQuery, 'sort' | 'order'>> &
  CustomFilters;

export const BoardQuery = z.strictObject({
  perStage: z.coerce.number().int().min(1).max(200).default(50),
});
export const BoardParams = z.strictObject({ id: Id });
export const BoardColumnParams = z.strictObject({ id: Id, stageId: Id });
export const BoardColumnQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

// Totals are exact per stage up to 10,000 deals; past that `countCapped` says "10 000+".
export const BoardColumn = z.object({
  stage: Stage,
  count: z.number().int(),
  countCapped: z.boolean(),
  // The stage's total in minor units as a decimal string: exact past 2^53 kopecks (a number is not).
  amount: z.string().regex(/^-?\d+$/),
  deals: z.array(Deal),
  nextCursor: z.string().nullable(),
});
export type BoardColumn = z.infer<typeof BoardColumn>;
export const Board = z.object({ pipeline: Pipeline, columns: z.array(BoardColumn) });
export type Board = z.infer<typeof Board>;
