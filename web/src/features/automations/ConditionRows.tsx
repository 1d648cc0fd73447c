import type { AutomationConditionOp } from '@voronka/contract';
import {
  ActionIcon,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConditionDraft, RuleDraft } from './rule-draft';

const PATHS = [
  'deal.amount',
  'deal.title',
  'deal.tags',
  'deal.expectedCloseDate',
  'lead.channel',
  'lead.title',
  'lead.message',
  'invoice.amount',
  'task.title',
] as const;
const OPS: AutomationConditionOp[] = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'empty',
  'not_empty',
];

// If: conditions on the deal, all or any of them.
export function ConditionRows(props: {
  draft: RuleDraft;
  onChange: (p: Partial<RuleDraft>) => void;
}) {
  const { t } = useTranslation();
  const { conditions, conditionMode } = props.draft;
  const set = (i: number, c: Partial<ConditionDraft>) =>
    props.onChange({ conditions: conditions.map((x, j) => (j === i ? { ...x, ...c } : x)) });
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={500} size="sm">
          {t('automations.if')}
        </Text>
        {conditions.length > 1 ? (
          <SegmentedControl
            size="xs"
            value={conditionMode}
            onChange={(v) => props.onChange({ conditionMode: v as 'all' | 'any' })}
            data={[
              { value: 'all', label: t('automations.mode.all') },
              { value: 'any', label: t('automations.mode.any') },
            ]}
          />
        ) : null}
      </Group>
      {conditions.map((c, i) => (
        <Group key={i} align="flex-end" wrap="nowrap">
          <Select
            aria-label={t('automations.field')}
            allowDeselect={false}
            data={PATHS.map((p) => ({ value: p, label: t(`automations.path.${p}`) }))}
            value={c.path}
            onChange={(v) => v && set(i, { path: v })}
          />
          <Select
            aria-label={t('automations.op')}
            allowDeselect={false}
            data={OPS.map((o) => ({ value: o, label: t(`automations.ops.${o}`) }))}
            value={c.op}
            onChange={(v) => v && set(i, { op: v as AutomationConditionOp })}
          />
          {c.op === 'empty' || c.op === 'not_empty' ? null : (
            <TextInput
              aria-label={t('automations.value')}
              value={c.value}
              onChange={(e) => set(i, { value: e.currentTarget.value })}
            />
          )}
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('automations.removeCondition')}
            onClick={() => props.onChange({ conditions: conditions.filter((_, j) => j !== i) })}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        w="fit-content"
        onClick={() =>
          props.onChange({
            conditions: [...conditions, { path: 'deal.amount', op: 'gte', value: '' }],
          })
        }
      >
        {t('automations.addCondition')}
      </Button>
    </Stack>
  );
}
