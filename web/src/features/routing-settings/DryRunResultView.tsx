import type { DryRunResult } from '@voronka/contract';
import { Alert, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { DataTable } from '../../ui/DataTable';
import { assignmentReasonText, conditionLabel, ineligibleLabel } from './labels';
import { priorityReasonLine } from './priority-reasons';

// What the routing would do with the sample: the rule, who gets it and why, who else was considered,
// how warm it is and by when it must be answered.
export function DryRunResultView({ result }: { result: DryRunResult }) {
  const { t } = useTranslation();
  const where = result.assignee
    ? t('routingSettings.dryRun.assignee', { name: result.assignee.name })
    : result.queuedInTeam
      ? t('routingSettings.dryRun.queuedTeam', { team: result.queuedInTeam.name })
      : result.queued
        ? t('routingSettings.dryRun.queuedWorkspace')
        : t('routingSettings.dryRun.nobody');

  return (
    <Stack gap="md" data-testid="dry-run-result" aria-live="polite">
      <Alert color={result.assignee ? 'teal' : 'yellow'} title={where}>
        <Stack gap={4}>
          <Text size="sm">
            {result.rule
              ? t('routingSettings.dryRun.ruleMatched', { name: result.rule.name })
              : t('routingSettings.dryRun.noRule')}
          </Text>
          <Text size="sm">
            {t('routingSettings.dryRun.reason')}: {assignmentReasonText(t, result.reason)}
          </Text>
        </Stack>
      </Alert>

      <Paper withBorder p="sm" radius="md">
        <Group gap="xs" mb={6}>
          <Title order={3} size="h5">
            {t('routingSettings.dryRun.priority')}
          </Title>
          <Badge
            size="lg"
            variant="light"
            color={
              result.priority.score >= 60 ? 'red' : result.priority.score >= 30 ? 'orange' : 'gray'
            }
          >
            {result.priority.score}
          </Badge>
        </Group>
        {result.priority.reasons.length ? (
          <List size="sm" spacing={2} listStyleType="none">
            {result.priority.reasons.map((r) => (
              <List.Item key={r.code} c={r.sign === '-' ? 'red' : undefined}>
                {priorityReasonLine(t, r)}{' '}
                <Text span size="xs" c="dimmed">
                  ({r.sign === '-' ? '−' : '+'}
                  {Math.abs(r.weight).toFixed(1)})
                </Text>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            {t('routingSettings.dryRun.noPriorityReasons')}
          </Text>
        )}
      </Paper>

      <Paper withBorder p="sm" radius="md">
        <Title order={3} size="h5" mb={6}>
          {t('routingSettings.dryRun.sla')}
        </Title>
        <Text size="sm">
          {result.sla
            ? t('routingSettings.dryRun.slaDue', {
                policy: result.sla.policy.name,
                due: formatDateTime(result.sla.dueAt),
              })
            : t('routingSettings.dryRun.noSla')}
        </Text>
      </Paper>

      <Stack gap={6}>
        <Title order={3} size="h5">
          {t('routingSettings.dryRun.candidates')}
        </Title>
        <DataTable
          rows={result.candidates}
          columns={[
            t('routingSettings.dryRun.member'),
            t('routingSettings.dryRun.load'),
            t('routingSettings.dryRun.eligible'),
          ]}
          minWidth={420}
          loading={false}
          loadingLabel={t('common.loading')}
          emptyText={t('routingSettings.dryRun.noCandidates')}
          renderRow={(c) => (
            <Table.Tr key={c.memberId} data-testid={`candidate-${c.memberId}`}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>
                {c.capacity === null ? c.openLoad : `${c.openLoad} / ${c.capacity}`}
              </Table.Td>
              <Table.Td>
                {c.eligible ? (
                  <Badge color="teal" variant="light">
                    {t('routingSettings.dryRun.canTake')}
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    {c.reason
                      ? ineligibleLabel(t, c.reason)
                      : t('routingSettings.dryRun.cannotTake')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Stack>

      {result.rules.length ? (
        <Stack gap={6}>
          <Title order={3} size="h5">
            {t('routingSettings.dryRun.rules')}
          </Title>
          <DataTable
            rows={result.rules}
            columns={[
              t('routingSettings.dryRun.ruleName'),
              t('routingSettings.dryRun.matched'),
              t('routingSettings.dryRun.failed'),
            ]}
            minWidth={420}
            loading={false}
            loadingLabel={t('common.loading')}
            emptyText=""
            renderRow={(r) => (
              <Table.Tr key={r.id} data-testid={`rule-check-${r.id}`}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>
                  {r.matched ? (
                    <Badge color="teal" variant="light">
                      {t('routingSettings.dryRun.yes')}
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light">
                      {t('routingSettings.dryRun.no')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.failed.length ? r.failed.map((c) => conditionLabel(t, c)).join(', ') : '—'}
                </Table.Td>
              </Table.Tr>
            )}
          />
        </Stack>
      ) : null}
    </Stack>
  );
}
