import type { Webhook, WebhookDelivery } from '@voronka/contract';
import { Badge, Button, Code, Drawer, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { DataTable } from '../../ui/DataTable';
import { useDeliveries, useRedeliver } from './use-webhooks';

const COLORS: Record<WebhookDelivery['status'], string> = {
  pending: 'blue',
  delivered: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

// A subscription's delivery log: each event, each attempt's answer and time; sent again by hand.
export function DeliveriesDrawer(props: { hook: Webhook; onClose: () => void }) {
  const { t } = useTranslation();
  const [cursor, setCursor] = useState<string | undefined>();
  const log = useDeliveries(props.hook.id, cursor);
  const redeliver = useRedeliver(props.hook.id);
  return (
    <Drawer
      opened
      onClose={props.onClose}
      position="right"
      size="xl"
      title={t('webhooks.logTitle', { url: props.hook.url })}
    >
      <Stack>
        <DataTable
          aria-label={t('webhooks.log')}
          minWidth={600}
          loading={log.isPending}
          loadingLabel={t('common.loading')}
          emptyText={t('webhooks.noDeliveries')}
          columns={[t('webhooks.when'), t('webhooks.status'), t('webhooks.attempts')]}
          actionsLabel={t('common.actions')}
          rows={log.data?.items ?? []}
          renderRow={(d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Text size="sm">{formatDateTime(d.createdAt)}</Text>
                <Text size="xs" c="dimmed">
                  {t(`webhooks.event.${d.eventType}`, { defaultValue: d.eventType })}
                </Text>
                <Code fz="xs">{d.id}</Code>
              </Table.Td>
              <Table.Td>
                <Badge color={COLORS[d.status]} variant="light">
                  {t(`webhooks.deliveryStatus.${d.status}`)}
                </Badge>
                {d.status === 'pending' && d.nextAttemptAt ? (
                  <Text size="xs" c="dimmed">
                    {t('webhooks.nextAttempt', { at: formatDateTime(d.nextAttemptAt) })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {d.attempts.map((a) => (
                  <Text key={`${a.attempt}-${a.at}`} size="xs" c={a.ok ? undefined : 'red'}>
                    {t('webhooks.attemptLine', {
                      n: a.attempt,
                      at: formatDateTime(a.at),
                      code: a.statusCode ?? '—',
                      ms: a.durationMs,
                    })}
                    {a.manual ? ` · ${t('webhooks.manual')}` : ''}
                    {a.response ? ` · ${a.response.slice(0, 120)}` : ''}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  aria-label={t('webhooks.redeliverFor', { id: d.id })}
                  loading={redeliver.isPending && redeliver.variables === d.id}
                  onClick={() => redeliver.mutate(d.id)}
                >
                  {t('webhooks.redeliver')}
                </Button>
              </Table.Td>
            </Table.Tr>
          )}
        />
        {log.data?.nextCursor ? (
          <Button variant="subtle" onClick={() => setCursor(log.data.nextCursor ?? undefined)}>
            {t('webhooks.older')}
          </Button>
        ) : null}
      </Stack>
    </Drawer>
  );
}
