import type {
  Automation,
  AutomationAction,
  AutomationCondition,
  AutomationDefinitionInput,
  AutomationTrigger,
  Pipeline,
} from '@voronka/contract';

// What the builder edits: the definition with every field a form control can hold, and the delay
// split into a number and a unit. Pure, so the sentence and the round trip are tested without a DOM.

export type TriggerKind = AutomationTrigger['kind'];
// The triggers about a deal in a pipeline (the builder asks for the pipeline, and the stage).
export const dealTriggers: TriggerKind[] = [
  'deal.stage_entered',
  'deal.created',
  'deal.stale',
  'button',
];
export type DelayUnit = 'minutes' | 'hours' | 'days';
export type ActionDraft = AutomationAction;
export type ConditionDraft = { path: string; op: AutomationCondition['op']; value: string };

export type RuleDraft = {
  name: string;
  trigger: TriggerKind;
  pipelineId: string;
  stageId: string;
  staleDays: number;
  // An overdue invoice: days after its due date; a button: its label.
  overdueDays: number;
  buttonLabel: string;
  once: boolean;
  conditionMode: 'all' | 'any';
  conditions: ConditionDraft[];
  delay: number;
  delayUnit: DelayUnit;
  actions: ActionDraft[];
};

const UNIT_MINUTES: Record<DelayUnit, number> = { minutes: 1, hours: 60, days: 1440 };

export function emptyDraft(pipeline: Pipeline | undefined): RuleDraft {
  const stage = pipeline?.stages.find((s) => s.kind === 'open') ?? pipeline?.stages[0];
  return {
    name: '',
    trigger: 'deal.stage_entered',
    pipelineId: pipeline?.id ?? '',
    stageId: stage?.id ?? '',
    staleDays: 7,
    overdueDays: 0,
    buttonLabel: '',
    once: false,
    conditionMode: 'all',
    conditions: [],
    delay: 0,
    delayUnit: 'days',
    actions: [
      {
        kind: 'task.create',
        title: '',
        taskKind: 'call',
        dueInMinutes: 1440,
        assignee: 'deal_owner',
      },
    ],
  };
}

export const newAction = (kind: ActionDraft['kind'], stageId = ''): ActionDraft => {
  switch (kind) {
    case 'task.create':
      return { kind, title: '', taskKind: 'call', dueInMinutes: 1440, assignee: 'deal_owner' };
    case 'deal.move':
      return { kind, stageId };
    case 'deal.tags':
      return { kind, add: [], remove: [] };
    case 'notify':
      return { kind, to: 'deal_owner', text: '' };
    case 'webhook':
      return { kind, url: '' };
    case 'assign':
      return { kind, to: 'least_loaded', teamId: null };
    case 'deal.set':
      return { kind, field: 'title', value: '' };
    case 'message.send':
      return { kind, via: 'auto', text: '' };
  }
};

function triggerOf(d: RuleDraft): AutomationTrigger {
  switch (d.trigger) {
    case 'deal.stage_entered':
      return { kind: d.trigger, pipelineId: d.pipelineId, stageId: d.stageId };
    case 'deal.created':
      return { kind: d.trigger, pipelineId: d.pipelineId || null };
    case 'deal.stale':
      return {
        kind: d.trigger,
        pipelineId: d.pipelineId || null,
        stageId: d.stageId || null,
        days: d.staleDays,
      };
    case 'invoice.overdue':
      return { kind: d.trigger, days: d.overdueDays };
    case 'button':
      return { kind: d.trigger, pipelineId: d.pipelineId || null, label: d.buttonLabel.trim() };
    default:
      return { kind: d.trigger };
  }
}

const numeric = (path: string) => path === 'deal.amount' || path === 'invoice.amount';

// Amounts are typed in roubles and stored in kopecks.
function conditionValue(c: ConditionDraft): AutomationCondition['value'] {
  if (c.op === 'empty' || c.op === 'not_empty') return null;
  if (numeric(c.path)) return Math.round(Number(c.value.replace(',', '.')) * 100);
  return c.value.trim();
}

export function toDefinition(d: RuleDraft): AutomationDefinitionInput {
  return {
    trigger: triggerOf(d),
    once: d.once,
    conditions: {
      mode: d.conditionMode,
      items: d.conditions.map((c) => ({ path: c.path, op: c.op, value: conditionValue(c) })),
    },
    delayMinutes: Math.max(0, Math.round(d.delay * UNIT_MINUTES[d.delayUnit])),
    actions: d.actions,
  };
}

function splitDelay(minutes: number): { delay: number; delayUnit: DelayUnit } {
  if (minutes && minutes % 1440 === 0) return { delay: minutes / 1440, delayUnit: 'days' };
  if (minutes && minutes % 60 === 0) return { delay: minutes / 60, delayUnit: 'hours' };
  return { delay: minutes, delayUnit: minutes ? 'minutes' : 'days' };
}

export function fromAutomation(a: Automation): RuleDraft {
  const t = a.definition.trigger;
  const conditions = a.definition.conditions.items.flatMap((item) =>
    'mode' in item ? item.items : [item],
  );
  return {
    name: a.name,
    trigger: t.kind,
    pipelineId: 'pipelineId' in t ? (t.pipelineId ?? '') : '',
    stageId: 'stageId' in t ? (t.stageId ?? '') : '',
    staleDays: t.kind === 'deal.stale' ? t.days : 7,
    overdueDays: t.kind === 'invoice.overdue' ? t.days : 0,
    buttonLabel: t.kind === 'button' ? t.label : '',
    once: a.definition.once,
    conditionMode: a.definition.conditions.mode,
    conditions: conditions.map((c) => ({
      path: c.path,
      op: c.op,
      value:
        c.value === null || c.value === undefined
          ? ''
          : numeric(c.path)
            ? String(Number(c.value) / 100)
            : String(c.value),
    })),
    ...splitDelay(a.definition.delayMinutes),
    actions: a.definition.actions,
  };
}

type T = (key: string, opts?: Record<string, unknown>) => string;

// The rule read as one sentence: «Когда сделка попадает в этап «Счёт», через 2 дн. — задача…».
export function sentence(d: RuleDraft, t: T, stageName: (id: string) => string): string {
  const when =
    d.trigger === 'deal.stage_entered'
      ? t('automations.sentenceStageEntered', { stage: stageName(d.stageId) })
      : d.trigger === 'deal.created'
        ? t('automations.sentence.created')
        : d.trigger === 'deal.stale'
          ? t('automations.sentence.stale', { count: d.staleDays })
          : d.trigger === 'invoice.overdue'
            ? t('automations.sentence.invoiceOverdue', { count: d.overdueDays })
            : d.trigger === 'button'
              ? t('automations.sentenceButton', { label: d.buttonLabel })
              : t(`automations.sentence.${d.trigger}`);
  const wait =
    d.delay > 0 ? t(`automations.sentence.after.${d.delayUnit}`, { count: d.delay }) : '';
  const cond = d.conditions.length
    ? t('automations.sentence.conditions', { count: d.conditions.length })
    : '';
  const what = d.actions
    .map((a) =>
      a.kind === 'deal.move'
        ? t('automations.sentence.action.deal.move', { stage: stageName(a.stageId) })
        : t(`automations.sentence.action.${a.kind}`),
    )
    .join(', ');
  return [when, cond, wait].filter(Boolean).join(', ') + ' — ' + what;
}

// The names a text may use, after a lead-in («Можно вставить:»).
export const variables = (lead: string) =>
  `${lead} {{deal.title}}, {{deal.amount}}, {{company.name}}, {{stage.name}}, {{client.name}}, {{lead.title}}, {{invoice.number}}, {{event.<…>}}`;
