import type { Automation } from '@voronka/contract';
import { Badge, Button, Group, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { fromAutomation, sentence } from './rule-draft';
import { RuleDialog } from './RuleDialog';
import { RunsDrawer } from './RunsDrawer';
import {
  useAutomations,
  useDeleteAutomation,
  usePipelineStages,
  useToggleAutomation,
} from './use-automations';

// Every rule of the workspace: what it does in one sentence, on/off, its last run and errors.
export function AutomationsPage() {
  const { t } = useTranslation();
  const canCreate = useCanWrite('automation', 'create');
  const canUpdate = useCanWrite('automation', 'update');
  const canDelete = useCanWrite('automation', 'delete');
  const rules = useAutomations();
  const pipelines = usePipelineStages();
  const toggle = useToggleAutomation();
  const remove = useDeleteAutomation();
  const [editing, setEditing] = useState<Automation | 'new' | null>(null);
  const [log, setLog] = useState<Automation | null>(null);
  const stageName = (id: string) =>
    pipelines.data?.flatMap((p) => p.stages).find((s) => s.id === id)?.name ??
    t('automations.deletedStage');

  return (
    <Stack>
      <PageHeader
        title={t('automations.title')}
        description={t('automations.description')}
        actions={
          // The builder starts from the pipelines' stages: it opens once they are here.
          <Button onClick={() => setEditing('new')} disabled={!canCreate || !pipelines.data}>
            {t('automations.create')}
          </Button>
        }
      />
      <DataTable
        aria-label={t('automations.title')}
        minWidth={760}
        loading={rules.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('automations.empty')}
        columns={[
          t('automations.name'),
          t('automations.what'),
          t('automations.enabled'),
          t('automations.lastRun'),
        ]}
        actionsLabel={t('common.actions')}
        rows={rules.data ?? []}
        renderRow={(rule) => (
          <Table.Tr key={rule.id}>
            <Table.Td fw={500}>
              <Group gap={6} wrap="nowrap">
                {rule.name}
                {rule.problems.length ? (
                  <Tooltip label={t('automations.problems')}>
                    <Badge color="red" variant="light">
                      {t('automations.problemCount', { count: rule.problems.length })}
                    </Badge>
                  </Tooltip>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{sentence(fromAutomation(rule), t, stageName)}</Text>
            </Table.Td>
            <Table.Td>
              <Switch
                checked={rule.enabled}
                disabled={!canUpdate}
                aria-label={t('automations.toggle', { name: rule.name })}
                onChange={(e) => toggle.mutate({ id: rule.id, enabled: e.currentTarget.checked })}
              />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{rule.lastRunAt ? formatDateTime(rule.lastRunAt) : '—'}</Text>
              {rule.errors24h ? (
                <Badge color="orange" variant="light">
                  {t('automations.errors', { count: rule.errors24h })}
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" onClick={() => setLog(rule)}>
                  {t('automations.log')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  disabled={!canUpdate}
                  onClick={() => setEditing(rule)}
                >
                  {t('common.edit')}
                </Button>
                <ConfirmButton
                  label={t('common.delete')}
                  ariaLabel={t('automations.deleteName', { name: rule.name })}
                  title={t('automations.deleteTitle')}
                  message={t('automations.deleteConfirm', { name: rule.name })}
                  confirmLabel={t('common.delete')}
                  disabled={!canDelete}
                  onConfirm={() => remove.mutate(rule.id)}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {editing ? (
        <RuleDialog
          rule={editing === 'new' ? null : editing}
          pipelines={pipelines.data ?? []}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {log ? <RunsDrawer rule={log} onClose={() => setLog(null)} /> : null}
    </Stack>
  );
}
