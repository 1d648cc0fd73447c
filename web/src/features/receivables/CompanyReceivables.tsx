import type { CompanyBalance } from '@voronka/contract';
import { Anchor, Button, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { formatMoney } from '../../lib/format';
import { minorToInput, parseMoney } from '../../lib/money';
import { useCanWrite } from '../../lib/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { actUrl, useCompanyBalance, useLegalEntities, useSetCreditLimit } from './use-receivables';

const Line = ({ label, value, color }: { label: string; value: string; color?: string }) => (
  <Group justify="space-between" gap="xs" wrap="nowrap">
    <Text size="sm" c="dimmed">
      {label}
    </Text>
    <Text size="sm" fw={500} c={color}>
      {value}
    </Text>
  </Group>
);

// The client's money on the company card: balance, how late they pay, the credit limit (changed by
// whoever may change finance) and the reconciliation act for a period as PDF.
export function CompanyReceivables({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const balance = useCompanyBalance(companyId);
  if (balance.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (!balance.data) return <FormAlert message={errorMessage(balance.error)} />;
  const b = balance.data;
  return (
    <Stack gap={6} data-testid="company-receivables">
      <Line label={t('receivables.card.invoiced')} value={formatMoney(b.invoicedKopecks)} />
      <Line label={t('receivables.card.paid')} value={formatMoney(b.paidKopecks)} />
      <Line label={t('receivables.card.open')} value={formatMoney(b.openKopecks)} />
      <Line
        label={t('receivables.card.overdue')}
        value={formatMoney(b.overdueKopecks)}
        color={b.overdueKopecks > 0 ? 'red' : undefined}
      />
      {b.creditKopecks > 0 && (
        <Line label={t('receivables.card.credit')} value={formatMoney(b.creditKopecks)} />
      )}
      <Line label={t('receivables.card.balance')} value={formatMoney(b.balanceKopecks)} />
      <Line label={t('receivables.card.discipline')} value={discipline(t, b)} />
      <CreditLimit balance={b} />
      <Act companyId={companyId} />
    </Stack>
  );
}

function discipline(t: (k: string, o?: Record<string, unknown>) => string, b: CompanyBalance) {
  if (b.averageDaysLate === null) return t('receivables.card.noPaid');
  if (b.averageDaysLate === 0) return t('receivables.card.onTime');
  return t('receivables.card.daysLate', { count: Math.round(b.averageDaysLate) });
}

function CreditLimit({ balance: b }: { balance: CompanyBalance }) {
  const { t } = useTranslation();
  const canChange = useCanWrite('finance', 'update');
  const save = useSetCreditLimit(b.companyId);
  const [text, setText] = useState<string | null>(null);
  const parsed = text === null || text.trim() === '' ? null : parseMoney(text);
  const bad = text !== null && text.trim() !== '' && parsed === null;
  if (text === null)
    return (
      <Stack gap={2}>
        <Line
          label={t('receivables.card.limit')}
          value={
            b.creditLimitKopecks === null
              ? t('receivables.card.noLimit')
              : formatMoney(b.creditLimitKopecks)
          }
        />
        {b.creditAvailableKopecks !== null && (
          <Text size="xs" c={b.creditAvailableKopecks < 0 ? 'red' : 'dimmed'} ta="right">
            {t('receivables.card.available', { amount: formatMoney(b.creditAvailableKopecks) })}
          </Text>
        )}
        {canChange && (
          <Group justify="flex-end">
            <Button
              size="xs"
              variant="light"
              onClick={() =>
                setText(b.creditLimitKopecks === null ? '' : minorToInput(b.creditLimitKopecks))
              }
            >
              {t('receivables.card.editLimit')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!bad) save.mutate(parsed, { onSuccess: () => setText(null) });
      }}
    >
      <Stack gap={6}>
        <TextInput
          label={t('receivables.card.limitLabel')}
          value={text}
          inputMode="decimal"
          autoFocus
          onChange={(e) => setText(e.currentTarget.value)}
          error={bad ? t('receivables.card.badAmount') : undefined}
        />
        <FormAlert message={save.error ? errorMessage(save.error) : null} />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={() => setText(null)}>
            {t('receivables.card.cancel')}
          </Button>
          <Button size="xs" type="submit" loading={save.isPending} disabled={bad}>
            {t('receivables.card.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const yearStart = () => `${new Date().getFullYear()}-01-01`;
const today = () => new Date().toISOString().slice(0, 10);

function Act({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const entities = useLegalEntities();
  const [from, setFrom] = useState(yearStart);
  const [to, setTo] = useState(today);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = entities.data?.items ?? [];
  const entityId = chosen ?? list[0]?.id ?? null;
  const ready = Boolean(entityId && from && to && from <= to);
  return (
    <Stack gap={6} mt="sm">
      <Text size="sm" fw={600}>
        {t('receivables.card.act')}
      </Text>
      <Group grow gap="xs">
        <TextInput
          type="date"
          size="xs"
          label={t('receivables.card.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          size="xs"
          label={t('receivables.card.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      {list.length > 1 && (
        <Select
          size="xs"
          label={t('receivables.legalEntity')}
          value={entityId}
          onChange={setChosen}
          data={list.map((e) => ({ value: e.id, label: e.name }))}
        />
      )}
      {ready && entityId ? (
        <Anchor href={actUrl(companyId, { from, to, legalEntityId: entityId })} size="sm" download>
          {t('receivables.card.actPdf')}
        </Anchor>
      ) : null}
    </Stack>
  );
}
