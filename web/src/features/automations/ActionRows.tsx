import type { Pipeline } from '@voronka/contract';
import { ActionIcon, Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ActionFields } from './ActionFields';
import { newAction, type ActionDraft, type RuleDraft } from './rule-draft';

const KINDS: ActionDraft['kind'][] = [
  'task.create',
  'notify',
  'message.send',
  'assign',
  'deal.move',
  'deal.set',
  'deal.tags',
  'webhook',
];

// Do: the actions in order, each with its own fields.
export function ActionRows(props: {
  draft: RuleDraft;
  pipelines: Pipeline[];
  onChange: (p: Partial<RuleDraft>) => void;
}) {
  const { t } = useTranslation();
  const { actions } = props.draft;
  const stages = props.pipelines.find((p) => p.id === props.draft.pipelineId)?.stages ?? [];
  const set = (i: number, a: ActionDraft) =>
    props.onChange({ actions: actions.map((x, j) => (j === i ? a : x)) });
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {t('automations.then')}
      </Text>
      {actions.map((a, i) => (
        <Paper key={i} withBorder p="xs">
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={500}>
              {t(`automations.actionKind.${a.kind}`)}
            </Text>
            <ActionIcon
              variant="subtle"
              color="red"
              disabled={actions.length === 1}
              aria-label={t('automations.removeAction')}
              onClick={() => props.onChange({ actions: actions.filter((_, j) => j !== i) })}
            >
              ×
            </ActionIcon>
          </Group>
          <ActionFields action={a} stages={stages} onChange={(next) => set(i, next)} />
        </Paper>
      ))}
      <Menu position="bottom-start">
        <Menu.Target>
          <Button variant="subtle" size="xs" w="fit-content" disabled={actions.length >= 10}>
            {t('automations.addAction')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {KINDS.map((k) => (
            <Menu.Item
              key={k}
              onClick={() =>
                props.onChange({ actions: [...actions, newAction(k, stages[0]?.id ?? '')] })
              }
            >
              {t(`automations.actionKind.${k}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Stack>
  );
}
