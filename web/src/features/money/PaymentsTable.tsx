import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatMoney } from '../../lib/format';
import { usePayments, useReversePayment } from './use-money';

export function PaymentsTable({ canChange }: { canChange: boolean }) {
  const { t } = useTranslation();
  const payments = usePayments();
  const reverse = useReversePayment();
  const items = payments.data?.items ?? [];
  if (payments.error) return <Text c="red">{errorMessage(payments.error)}</Text>;
  if (!items.length) return <Text c="dimmed">{t('money.noPayments')}</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('money.date')}</Table.Th>
            <Table.Th>{t('money.payer')}</Table.Th>
            <Table.Th ta="right">{t('money.amount')}</Table.Th>
            <Table.Th>{t('money.invoices')}</Table.Th>
            <Table.Th ta="right">{t('money.credit')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} opacity={p.reversedAt ? 0.5 : 1}>
              <Table.Td>
                {formatDate(p.date)}
                {p.bankDocNumber && (
                  <Text size="xs" c="dimmed">
                    {t('money.bankDoc', { number: p.bankDocNumber })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {p.payerName}
                <Text size="xs" c="dimmed">
                  {t(`money.sources.${p.source}`)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{formatMoney(p.amountKopecks)}</Table.Td>
              <Table.Td>
                {p.allocations.map((a) => (
                  <Text size="sm" key={a.invoiceId}>
                    № {a.invoiceNumber} · {formatMoney(a.amountKopecks)}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td ta="right">
                {p.unallocatedKopecks > 0 ? formatMoney(p.unallocatedKopecks) : '—'}
              </Table.Td>
              <Table.Td>
                {p.reversedAt ? (
                  <Badge color="gray">{t('money.reversed')}</Badge>
                ) : (
                  canChange && (
                    <ConfirmButton
                      size="xs"
                      variant="subtle"
                      label={t('money.reverse')}
                      title={t('money.reverseTitle')}
                      message={t('money.reverseMessage')}
                      confirmLabel={t('money.reverse')}
                      onConfirm={() =>
                        reverse.mutate({ id: p.id, reason: t('money.reverseReason') })
                      }
                    />
                  )
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
