import { z } from 'zod';
import { Id } from './common.js';

// Analytics (issue 17): reports a head of sales steers by, read from the facts other modules own.
// Money is in kopecks (minor units) as everywhere; days are the workspace's (its time zone).

// The common filter: a period of days (inclusive, the workspace's zone), a pipeline (the default
// one when not given), a manager, a source (the channel of the request the deal came from).
export const ReportFilter = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  pipelineId: Id.optional(),
  ownerId: Id.optional(),
  source: z.string().trim().min(1).max(40).optional(),
});
export type ReportFilter = z.infer<typeof ReportFilter>;

export const FunnelStage = z.object({
  stageId: Id,
  name: z.string(),
  kind: z.enum(['open', 'won', 'lost']),
  probability: z.number().int(),
  // Deals of the cohort that reached this stage or went further (won deals passed every open stage).
  reached: z.number().int(),
  // reached of the next open stage (or won, after the last) ÷ reached here; null when none reached.
  conversion: z.number().nullable(),
  // Time in the stage per deal (the sum of its stays: back and forth counts each stay), in seconds.
  medianSeconds: z.number().int().nullable(),
  p90Seconds: z.number().int().nullable(),
  // Completed stays in the stage (a deal returning counts again).
  stays: z.number().int(),
});
export type FunnelStage = z.infer<typeof FunnelStage>;

export const FunnelLostReason = z.object({
  lostReasonId: Id.nullable(),
  name: z.string().nullable(),
  deals: z.number().int(),
  amount: z.number().int(),
});

export const FunnelReport = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  pipelineId: Id,
  totals: z.object({
    deals: z.number().int(),
    open: z.number().int(),
    won: z.number().int(),
    lost: z.number().int(),
    // won ÷ (won + lost); null when nothing closed.
    winRate: z.number().nullable(),
    wonAmount: z.number().int(),
    averageWonAmount: z.number().int().nullable(),
    // Created → closed of won deals, days (median).
    cycleMedianDays: z.number().nullable(),
  }),
  stages: z.array(FunnelStage),
  lostReasons: z.array(FunnelLostReason),
});
export type FunnelReport = z.infer<typeof FunnelReport>;

// The deals behind a number of the funnel: all, open, won, lost, those that reached a stage, those
// lost for a reason (lostReasonId omitted with metric=lost_reason: lost with no reason).
// won_closed is not the cohort: the deals won in the period (by closing day, every pipeline unless
// one is named) — the deals behind plan-vs-fact's and the dashboard's «won».
export const FunnelDrillMetric = z.enum([
  'all',
  'open',
  'won',
  'lost',
  'reached',
  'lost_reason',
  'won_closed',
]);
export const FunnelDrillQuery = ReportFilter.extend({
  metric: FunnelDrillMetric.default('all'),
  stageId: Id.optional(),
  lostReasonId: Id.optional(),
});
export type FunnelDrillQuery = z.infer<typeof FunnelDrillQuery>;
export const FunnelExportQuery = ReportFilter.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type FunnelExportQuery = z.infer<typeof FunnelExportQuery>;

export const DrillDeal = z.object({
  id: Id,
  title: z.string(),
  amount: z.number().int(),
  stageName: z.string(),
  stageKind: z.enum(['open', 'won', 'lost']),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  companyId: Id.nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type DrillDeal = z.infer<typeof DrillDeal>;
// At most 500 deals, the largest first; `total` counts them all.
export const DrillDeals = z.object({ items: z.array(DrillDeal), total: z.number().int() });
export type DrillDeals = z.infer<typeof DrillDeals>;

// Sales plans: per month or quarter, for the department, a team or a member, on won deals or on
// paid money. Set by the head (the `plans` entity), every change audited.
export const PlanPeriod = z.enum(['month', 'quarter']);
export const PlanScope = z.enum(['department', 'team', 'member']);
export const PlanBasis = z.enum(['won', 'paid']);
export const SalesPlan = z.object({
  id: Id,
  period: PlanPeriod,
  // The period's first day: YYYY-MM-01 (a quarter starts in January, April, July or October).
  start: z.iso.date(),
  scope: PlanScope,
  scopeId: Id.nullable(),
  basis: PlanBasis,
  amount: z.number().int(),
  updatedAt: z.string(),
});
export type SalesPlan = z.infer<typeof SalesPlan>;
export const SalesPlanBody = z
  .strictObject({
    period: PlanPeriod,
    start: z.iso.date(),
    scope: PlanScope,
    // A team's or member's id; none for the department.
    scopeId: Id.nullable().optional(),
    basis: PlanBasis.default('won'),
    amount: z.number().int().min(0).max(1e15),
  })
  .superRefine((b, c) => {
    const [, m, d] = b.start.split('-').map(Number);
    if (d !== 1 || (b.period === 'quarter' && (m! - 1) % 3 !== 0))
      c.addIssue({ code: 'custom', path: ['start'], message: 'the first day of the period' });
    if ((b.scope === 'department') !== !b.scopeId)
      c.addIssue({
        code: 'custom',
        path: ['scopeId'],
        message: 'a team or member id, and none for the department',
      });
  });
export type SalesPlanBody = z.infer<typeof SalesPlanBody>;
export const SalesPlanUpdateBody = z.strictObject({ amount: z.number().int().min(0).max(1e15) });
export type SalesPlanUpdateBody = z.infer<typeof SalesPlanUpdateBody>;
// The year: the current one when not given.
export const SalesPlanQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type SalesPlanQuery = z.infer<typeof SalesPlanQuery>;

export const PlanFactQuery = z
  .strictObject({
    // The current year when not given.
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    period: PlanPeriod.default('month'),
    scope: PlanScope.default('department'),
    scopeId: Id.optional(),
  })
  .superRefine((q, c) => {
    if (q.scope !== 'department' && !q.scopeId)
      c.addIssue({ code: 'custom', path: ['scopeId'], message: 'a team or member id' });
  });
export type PlanFactQuery = z.infer<typeof PlanFactQuery>;
export const PlanFactRow = z.object({
  start: z.iso.date(),
  end: z.iso.date(),
  planWon: z.number().int().nullable(),
  planPaid: z.number().int().nullable(),
  // «Выиграно»: amounts of deals closed as won in the period.
  factWon: z.number().int(),
  // «Оплачено»: payments received in the period (reversed ones not counted).
  factPaid: z.number().int(),
  // Won so far + open deals expected to close in the period × their stage's probability.
  forecast: z.number().int(),
  // For the running period: won so far ÷ days elapsed × days in the period; null otherwise.
  runRate: z.number().int().nullable(),
  wonDeals: z.number().int(),
});
export type PlanFactRow = z.infer<typeof PlanFactRow>;
export const PlanFactReport = z.object({
  year: z.number().int(),
  period: PlanPeriod,
  scope: PlanScope,
  scopeId: Id.nullable(),
  rows: z.array(PlanFactRow),
});
export type PlanFactReport = z.infer<typeof PlanFactReport>;

export const ActivityQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  ownerId: Id.optional(),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;
export const ActivityRow = z.object({
  memberId: Id,
  name: z.string(),
  // The week's Monday in the workspace's zone.
  week: z.iso.date(),
  calls: z.number().int(),
  meetings: z.number().int(),
  messages: z.number().int(),
  tasksDone: z.number().int(),
  tasksOverdue: z.number().int(),
  wonDeals: z.number().int(),
  wonAmount: z.number().int(),
});
export type ActivityRow = z.infer<typeof ActivityRow>;
export const ActivityReport = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  rows: z.array(ActivityRow),
});
export type ActivityReport = z.infer<typeof ActivityReport>;

// The head's home tiles (a manager's: their own); a tile the reader has no right to is null.
export const Dashboard = z.object({
  today: z.iso.date(),
  newRequestsToday: z.number().int().nullable(),
  newRequestsWeek: z.number().int().nullable(),
  overdueTasks: z.number().int().nullable(),
  slaBreachesWeek: z.number().int().nullable(),
  wonThisMonth: z.object({ deals: z.number().int(), amount: z.number().int() }),
  plan: z.object({ basis: PlanBasis, amount: z.number().int(), fact: z.number().int() }).nullable(),
  receivables: z.number().int().nullable(),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const WinBackQuery = z.strictObject({
  // Asleep after this many days without a purchase even when the usual interval is longer.
  minDays: z.coerce.number().int().min(1).max(3650).default(180),
});
export type WinBackQuery = z.infer<typeof WinBackQuery>;
export const WinBackItem = z.object({
  companyId: Id,
  companyName: z.string(),
  ownerId: Id.nullable(),
  reason: z.enum(['sleeping', 'lost']),
  lastPurchaseAt: z.string().nullable(),
  // The median gap between the client's won deals, days; null with fewer than two.
  usualIntervalDays: z.number().nullable(),
  daysSince: z.number().int().nullable(),
  // The median won deal (sleeping) or the lost deal's amount.
  valueAtStake: z.number().int(),
  lostDealId: Id.nullable(),
  lostReason: z.string().nullable(),
});
export type WinBackItem = z.infer<typeof WinBackItem>;
export const WinBackList = z.object({ items: z.array(WinBackItem) });
export const WinBackActionBody = z.strictObject({ action: z.enum(['task', 'deal']) });
export type WinBackActionBody = z.infer<typeof WinBackActionBody>;
export const WinBackActionResult = z.object({
  kind: z.enum(['task', 'deal']),
  id: Id,
});
export type WinBackActionResult = z.infer<typeof WinBackActionResult>;
