import { localDay } from '../../lib/format';
import type { PlanFactReport } from '@voronka/contract';
import { Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { parseMoney } from '../../lib/money';
import { FormAlert } from '../../ui/FormAlert';
import { periodLabel } from './report-bits';
import { type PlanFactParams, usePlans, useSavePlan } from './use-analytics';

// The head sets (or changes) the plan of one period for the scope shown: on won deals or on payments.
export function PlanEditor({ params, report }: { params: PlanFactParams; report: PlanFactReport }) {
  const { t, i18n } = useTranslation();
  const plans = usePlans(params.year);
  const save = useSavePlan();
  // The running period first (a plan is mostly set for now).
  const today = localDay();
  const current = report.rows.find((r) => r.start <= today && today <= r.end) ?? report.rows[0];
  const [start, setStart] = useState(current?.start ?? '');
  const [basis, setBasis] = useState<'won' | 'paid'>('won');
  const [amount, setAmount] = useState('');
  const [done, setDone] = useState(false);
  const existing = plans.data?.items.find(
    (x) =>
      x.period === params.period &&
      x.start === start &&
      x.scope === params.scope &&
      (x.scopeId ?? '') === (params.scope === 'department' ? '' : params.scopeId) &&
      x.basis === basis,
  );
  const kopecks = parseMoney(amount);
  const submit = () => {
    if (kopecks === null) return;
    setDone(false);
    save.mutate(
      {
        id: existing?.id ?? null,
        body: {
          period: params.period,
          start,
          scope: params.scope,
          scopeId: params.scope === 'department' ? null : params.scopeId,
          basis,
          amount: kopecks,
        },
      },
      { onSuccess: () => setDone(true) },
    );
  };
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      onSubmit={(e) => (e.preventDefault(), submit())}
      aria-labelledby="plan-editor"
    >
      <Text fw={600} mb="xs" id="plan-editor">
        {t('analytics.planFact.setPlan')}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('analytics.planFact.start')}
          value={start}
          onChange={(v) => v && setStart(v)}
          data={report.rows.map((r) => ({
            value: r.start,
            label: periodLabel(r.start, report.period, i18n.language),
          }))}
          allowDeselect={false}
          w={{ base: '100%', xs: 160 }}
        />
        <Select
          label={t('analytics.planFact.basis')}
          value={basis}
          onChange={(v) => v && setBasis(v as 'won' | 'paid')}
          data={[
            { value: 'won', label: t('analytics.planFact.basisWon') },
            { value: 'paid', label: t('analytics.planFact.basisPaid') },
          ]}
          allowDeselect={false}
          w={{ base: '100%', xs: 180 }}
        />
        <TextInput
          label={t('analytics.planFact.amount')}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          placeholder={existing ? String(existing.amount / 100) : '1 000 000'}
          inputMode="decimal"
          w={{ base: '100%', xs: 180 }}
          data-testid="plan-amount"
        />
        <Button
          type="submit"
          loading={save.isPending}
          disabled={kopecks === null || (params.scope !== 'department' && !params.scopeId)}
        >
          {t('analytics.planFact.save')}
        </Button>
        {done ? (
          <Text size="sm" c="teal">
            {t('analytics.planFact.saved')}
          </Text>
        ) : null}
      </Group>
      <FormAlert message={save.error ? errorMessage(save.error) : null} />
    </Paper>
  );
}
