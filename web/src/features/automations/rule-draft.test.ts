import type { Automation, Pipeline } from '@voronka/contract';
import { AutomationDefinition } from '@voronka/contract';
import { describe, expect, it } from 'vitest';
import { emptyDraft, fromAutomation, sentence, toDefinition, type RuleDraft } from './rule-draft';

const pipeline: Pipeline = {
  id: '01a2a000-0000-7000-8000-000000000001',
  name: 'Продажи',
  position: 0,
  isDefault: true,
  createdAt: '2026-12-01T00:00:00Z',
  stages: [
    {
      id: '01a2a000-0000-7000-8000-00000000000a',
      pipelineId: '',
      name: 'Новая',
      position: 0,
      probability: 10,
      kind: 'open',
    },
    {
      id: '01a2a000-0000-7000-8000-00000000000b',
      pipelineId: '',
      name: 'Счёт выставлен',
      position: 1,
      probability: 60,
      kind: 'open',
    },
  ],
};
const [fresh, invoiced] = pipeline.stages as [Pipeline['stages'][0], Pipeline['stages'][0]];

// A t() that shows the key and its values, so the sentence's parts can be checked without i18n.
const t = (key: string, o: Record<string, unknown> = {}) =>
  [key, ...Object.values(o).map(String)].join(':');
const stageName = (id: string) => pipeline.stages.find((s) => s.id === id)?.name ?? '?';

describe('the rule builder draft', () => {
  it('turns "in «Счёт выставлен», amount ≥ 100 000 ₽, after 2 days: a call task" into the API definition', () => {
    const draft: RuleDraft = {
      ...emptyDraft(pipeline),
      name: 'Позвонить по счёту',
      stageId: invoiced.id,
      conditions: [{ path: 'deal.amount', op: 'gte', value: '100 000'.replace(' ', '') }],
      delay: 2,
      delayUnit: 'days',
      actions: [
        {
          kind: 'task.create',
          title: 'Позвонить: {{deal.title}}',
          taskKind: 'call',
          dueInMinutes: 60,
          assignee: 'deal_owner',
        },
      ],
    };
    const def = AutomationDefinition.parse(toDefinition(draft));
    expect(def.trigger).toEqual({
      kind: 'deal.stage_entered',
      pipelineId: pipeline.id,
      stageId: invoiced.id,
    });
    // Roubles typed, kopecks sent.
    expect(def.conditions.items).toEqual([{ path: 'deal.amount', op: 'gte', value: 10_000_000 }]);
    expect(def.delayMinutes).toBe(2880);
    expect(sentence(draft, t, stageName)).toBe(
      'automations.sentenceStageEntered:Счёт выставлен, automations.sentence.conditions:1, automations.sentence.after.days:2 — automations.sentence.action.task.create',
    );
  });

  it('reads a saved rule back into the same draft (a stale-deal rule with hours of delay)', () => {
    const definition = AutomationDefinition.parse({
      trigger: { kind: 'deal.stale', pipelineId: pipeline.id, days: 14 },
      conditions: { mode: 'any', items: [{ path: 'deal.tags', op: 'contains', value: 'опт' }] },
      delayMinutes: 180,
      actions: [{ kind: 'deal.move', stageId: fresh.id }],
    });
    const rule = { name: 'Затихшие', definition } as Automation;
    const draft = fromAutomation(rule);
    expect(draft).toMatchObject({
      trigger: 'deal.stale',
      staleDays: 14,
      delay: 3,
      delayUnit: 'hours',
      stageId: '',
    });
    expect(AutomationDefinition.parse(toDefinition(draft))).toEqual(definition);
    expect(sentence(draft, t, stageName)).toContain('automations.sentence.action.deal.move:Новая');
  });
});
