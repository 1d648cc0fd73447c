import type { Automation } from '@voronka/contract';
import { Badge, Button, Drawer, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { DataTable } from '../../ui/DataTable';
import { useAutomationRuns } from './use-automations';

const COLORS = {
  done: 'teal',
  scheduled: 'blue',
  skipped: 'gray',
  failed: 'red',
  looped: 'orange',
};

// The rule's log: when, on which deal, what was seen and what each action did.
export function RunsDrawer(props: { rule: Automation; onClose: () => void }) {
  const { t } = useTranslation();
  const [cursor, setCursor] = useState<string | undefined>();
  const runs = useAutomationRuns(props.rule.id, cursor);
  return (
    <Drawer opened onClose={props.onClose} position="right" size="xl" title={props.rule.name}>
      <Stack>
        <DataTable
          aria-label={t('automations.log')}
          minWidth={600}
          loading={runs.isPending}
          loadingLabel={t('common.loading')}
          emptyText={t('automations.noRuns')}
          columns={[t('automations.when'), t('automations.status'), t('automations.details')]}
          rows={runs.data?.items ?? []}
          renderRow={(run) => (
            <Table.Tr key={run.id}>
              <Table.Td>
                <Text size="sm">{formatDateTime(run.finishedAt ?? run.dueAt)}</Text>
                {run.dealId ? (
                  <Text size="xs" component="a" href={`/deals/${run.dealId}`}>
                    {t('automations.openDeal')}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Badge color={COLORS[run.status]} variant="light">
                  {t(`automations.runStatus.${run.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {run.checks.map((c, i) => (
                  <Text key={`c${i}`} size="xs" c={c.held ? 'teal' : 'red'}>
                    {c.path} {c.op} {JSON.stringify(c.expected)} — {JSON.stringify(c.actual)}
                  </Text>
                ))}
                {run.actions.map((a, i) => (
                  <Text key={`a${i}`} size="xs" c={a.ok ? undefined : 'red'}>
                    {t(`automations.actionKind.${a.kind}`)}: {a.detail}
                  </Text>
                ))}
                {run.error ? (
                  <Text size="xs" c="red">
                    {run.error}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          )}
        />
        {runs.data?.nextCursor ? (
          <Button variant="subtle" onClick={() => setCursor(runs.data.nextCursor ?? undefined)}>
            {t('automations.older')}
          </Button>
        ) : null}
      </Stack>
    </Drawer>
  );
}
