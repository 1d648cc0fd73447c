import type { StatementLine } from '@voronka/contract';
import { Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatMoney } from '../../lib/format';
import { useConfirmLine, useIgnoreLine, useOpenInvoices, useReviewQueue } from './use-money';

// Incoming payments the matcher was not sure of: a person picks the invoice (or ignores the line).
export function ReviewQueue() {
  const { t } = useTranslation();
  const queue = useReviewQueue();
  const lines = queue.data?.items ?? [];
  if (queue.error) return <Text c="red">{errorMessage(queue.error)}</Text>;
  if (!lines.length) return <Text c="dimmed">{t('money.queueEmpty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('money.date')}</Table.Th>
            <Table.Th>{t('money.payer')}</Table.Th>
            <Table.Th ta="right">{t('money.amount')}</Table.Th>
            <Table.Th>{t('money.purpose')}</Table.Th>
            <Table.Th>{t('money.decision')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <ReviewRow key={l.id} line={l} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReviewRow({ line }: { line: StatementLine }) {
  const { t } = useTranslation();
  const invoices = useOpenInvoices();
  const confirm = useConfirmLine();
  const ignore = useIgnoreLine();
  const [invoiceId, setInvoiceId] = useState<string | null>(line.candidates[0]?.invoiceId ?? null);
  const options = (invoices.data ?? []).map((d) => ({
    value: d.id,
    label: `№ ${d.number} · ${d.buyerName ?? ''} · ${formatMoney(d.totalKopecks)}`,
  }));
  const open = line.candidates.find((c) => c.invoiceId === invoiceId)?.openKopecks;
  const apply = () =>
    invoiceId &&
    confirm.mutate({
      id: line.id,
      body: {
        allocations: [
          { invoiceId, amountKopecks: Math.min(line.amountKopecks, open ?? line.amountKopecks) },
        ],
      },
    });
  return (
    <Table.Tr>
      <Table.Td>{formatDate(line.date)}</Table.Td>
      <Table.Td>
        <Text size="sm">{line.payerName}</Text>
        {line.payerInn && (
          <Text size="xs" c="dimmed">
            {t('money.inn')} {line.payerInn}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">{formatMoney(line.amountKopecks)}</Table.Td>
      <Table.Td>
        <Text size="sm">{line.purpose}</Text>
        <Badge variant="light" color="gray">
          {t(`money.reasons.${line.reason.replace(/[^a-zA-Z]+/g, '_').replace(/^_|_$/g, '')}`, {
            defaultValue: line.reason,
          })}{' '}
          · {Math.round(line.confidence * 100)}%
        </Badge>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Select
            aria-label={t('money.invoice')}
            placeholder={t('money.pickInvoice')}
            data={options}
            value={invoiceId}
            onChange={setInvoiceId}
            searchable
          />
          <Group gap="xs">
            <Button size="xs" onClick={apply} disabled={!invoiceId} loading={confirm.isPending}>
              {t('money.confirm')}
            </Button>
            <Button size="xs" variant="default" onClick={() => ignore.mutate(line.id)}>
              {t('money.ignore')}
            </Button>
          </Group>
          {(confirm.error || ignore.error) && (
            <Text size="xs" c="red">
              {errorMessage(confirm.error ?? ignore.error)}
            </Text>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
