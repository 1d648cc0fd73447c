import type { Pipeline } from '@voronka/contract';
import { Group, NumberInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RuleDraft, TriggerKind } from './rule-draft';

// When: a deal enters a stage, is created, or goes quiet for N days (in a pipeline, a stage).
export function TriggerFields(props: {
  draft: RuleDraft;
  pipelines: Pipeline[];
  onChange: (p: Partial<RuleDraft>) => void;
}) {
  const { t } = useTranslation();
  const { draft, onChange } = props;
  const pipeline = props.pipelines.find((p) => p.id === draft.pipelineId);
  const stageOptional = draft.trigger === 'deal.stale';
  return (
    <Group align="flex-end" grow>
      <Select
        label={t('automations.when')}
        allowDeselect={false}
        data={(['deal.stage_entered', 'deal.created', 'deal.stale'] as const).map((k) => ({
          value: k,
          label: t(`automations.trigger.${k}`),
        }))}
        value={draft.trigger}
        onChange={(v) => v && onChange({ trigger: v as TriggerKind })}
      />
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
      {draft.trigger === 'deal.created' ? null : (
        <Select
          label={t('automations.stage')}
          clearable={stageOptional}
          placeholder={stageOptional ? t('automations.anyStage') : undefined}
          data={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={draft.stageId || null}
          onChange={(v) => onChange({ stageId: v ?? '' })}
        />
      )}
      {draft.trigger === 'deal.stale' ? (
        <NumberInput
          label={t('automations.staleDays')}
          min={1}
          max={365}
          value={draft.staleDays}
          onChange={(v) => onChange({ staleDays: Number(v) || 1 })}
        />
      ) : null}
    </Group>
  );
}
