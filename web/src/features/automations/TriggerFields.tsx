import type { Pipeline } from '@voronka/contract';
import { automationTriggerKinds } from '@voronka/contract';
import { Checkbox, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dealTriggers, type RuleDraft, type TriggerKind } from './rule-draft';

// When: a deal enters a stage, is created, goes quiet; a request arrives, is answered, misses its
// SLA; a task or an invoice is overdue; an invoice is issued or paid; a meeting is booked or
// cancelled; a button on the deal is pressed; a webhook arrives. Deal triggers name a pipeline.
export function TriggerFields(props: {
  draft: RuleDraft;
  pipelines: Pipeline[];
  onChange: (p: Partial<RuleDraft>) => void;
}) {
  const { t } = useTranslation();
  const { draft, onChange } = props;
  const pipeline = props.pipelines.find((p) => p.id === draft.pipelineId);
  const stageOptional = draft.trigger === 'deal.stale';
  const ofDeal = dealTriggers.includes(draft.trigger);
  const hasStage = draft.trigger === 'deal.stage_entered' || draft.trigger === 'deal.stale';
  return (
    <Stack gap="xs">
      <Group align="flex-end" grow>
        <Select
          label={t('automations.when')}
          allowDeselect={false}
          data={automationTriggerKinds.map((k) => ({
            value: k,
            label: t(`automations.trigger.${k}`),
          }))}
          value={draft.trigger}
          onChange={(v) => v && onChange({ trigger: v as TriggerKind })}
        />
        {ofDeal ? (
          <Select
            label={t('automations.pipeline')}
            allowDeselect={false}
            data={props.pipelines.map((p) => ({ value: p.id, label: p.name }))}
            value={draft.pipelineId || null}
            onChange={(v) => {
              const next = props.pipelines.find((p) => p.id === v);
              onChange({
                pipelineId: v ?? '',
                stageId: stageOptional ? '' : (next?.stages[0]?.id ?? ''),
              });
            }}
          />
        ) : null}
        {hasStage ? (
          <Select
            label={t('automations.stage')}
            clearable={stageOptional}
            placeholder={stageOptional ? t('automations.anyStage') : undefined}
            data={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={draft.stageId || null}
            onChange={(v) => onChange({ stageId: v ?? '' })}
          />
        ) : null}
        {draft.trigger === 'deal.stale' ? (
          <NumberInput
            label={t('automations.staleDays')}
            min={1}
            max={365}
            value={draft.staleDays}
            onChange={(v) => onChange({ staleDays: Number(v) || 1 })}
          />
        ) : null}
        {draft.trigger === 'invoice.overdue' ? (
          <NumberInput
            label={t('automations.overdueDays')}
            min={0}
            max={365}
            value={draft.overdueDays}
            onChange={(v) => onChange({ overdueDays: Number(v) || 0 })}
          />
        ) : null}
        {draft.trigger === 'button' ? (
          <TextInput
            label={t('automations.buttonLabel')}
            maxLength={40}
            value={draft.buttonLabel}
            onChange={(e) => onChange({ buttonLabel: e.currentTarget.value })}
          />
        ) : null}
      </Group>
      <Checkbox
        label={t('automations.once')}
        checked={draft.once}
        onChange={(e) => onChange({ once: e.currentTarget.checked })}
      />
    </Stack>
  );
}
