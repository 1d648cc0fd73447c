import type { PlanFactReport, PlanFactRow } from '@voronka/contract';
import { Anchor, Group, Paper, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { formatMoney, formatPercent } from '../../lib/format';
import { useMe } from '../../lib/session';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import { DrillDeals } from './DrillDeals';
import { PlanEditor } from './PlanEditor';
import { PlanFactChart } from './PlanFactChart';
import { ReportFrame } from './ReportFrame';
import { periodLabel } from './report-bits';
import {
  emptyFilters,
  type PlanFactParams,
  useMembers,
  usePlanFact,
  useTeams,
} from './use-analytics';

// Plans against fact (won deals and paid money, each named), the forecast and the run-rate; the
// head sets plans here. A click on a won figure opens the deals won in that period.
export function PlanFactPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const own = me.permissions.deals?.visibility === 'own';
  const [p, setP] = useState<PlanFactParams>({
    year: new Date().getFullYear(),
    period: 'month',
    scope: 'department',
    scopeId: '',
  });
  const [drill, setDrill] = useState<PlanFactRow | null>(null);
  const report = usePlanFact(p);
  const members = useMembers(!own);
  const teams = useTeams(!own);
  const set = (patch: Partial<PlanFactParams>) => setP((x) => ({ ...x, ...patch }));
  const years = [0, 1, 2, 3].map((i) => String(new Date().getFullYear() + 1 - i));
  const scoped = p.scope === 'team' ? teams.data?.items : members.data?.items;
  return (
    <ReportFrame
      title={t('analytics.planFact.title')}
      description={t('analytics.planFact.description')}
    >
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('analytics.filters.year')}
          value={String(p.year)}
          onChange={(v) => v && set({ year: Number(v) })}
          data={years}
          w={110}
          allowDeselect={false}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="pf-period">
            {t('analytics.filters.period')}
          </Text>
          <SegmentedControl
            aria-labelledby="pf-period"
            value={p.period}
            onChange={(v) => set({ period: v as PlanFactParams['period'] })}
            data={(['month', 'quarter'] as const).map((v) => ({
              value: v,
              label: t(`analytics.filters.${v}`),
            }))}
          />
        </Stack>
        {own ? null : (
          <>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="pf-scope">
                {t('analytics.filters.scope')}
              </Text>
              <SegmentedControl
                aria-labelledby="pf-scope"
                value={p.scope}
                onChange={(v) => set({ scope: v as PlanFactParams['scope'], scopeId: '' })}
                data={(['department', 'team', 'member'] as const).map((v) => ({
                  value: v,
                  label: t(`analytics.filters.${v}`),
                }))}
              />
            </Stack>
            {p.scope !== 'department' ? (
              <Select
                label={t(`analytics.filters.${p.scope}`)}
                value={p.scopeId || null}
                onChange={(v) => set({ scopeId: v ?? '' })}
                searchable
                data={(scoped ?? []).map((x) => ({ value: x.id, label: x.name }))}
                w={{ base: '100%', xs: 220 }}
              />
            ) : null}
          </>
        )}
      </Group>
      {own ? (
        <Text size="sm" c="dimmed">
          {t('analytics.planFact.own')}
        </Text>
      ) : null}
      <FormAlert message={report.error ? errorMessage(report.error) : null} />
      {report.data ? (
        <Paper withBorder p="sm">
          <PlanFactChart report={report.data} />
        </Paper>
      ) : null}
      {drill && report.data ? (
        <DrillDeals
          filters={{ ...emptyFilters, from: drill.start, to: drill.end }}
          drill={{ metric: 'won_closed' }}
          title={`${t('analytics.drill.won_closed')} · ${periodLabel(drill.start, report.data.period, i18n.language)}`}
          onClose={() => setDrill(null)}
        />
      ) : null}
      {report.data ? <PlanFactTable report={report.data} onPick={setDrill} /> : null}
      {me.permissions.plans?.create && report.data ? (
        <PlanEditor params={p} report={report.data} />
      ) : null}
    </ReportFrame>
  );
}

const share = (fact: number, plan: number | null) => (plan ? formatPercent(fact / plan, 0) : '');

function PlanFactTable({
  report,
  onPick,
}: {
  report: PlanFactReport;
  onPick: (r: PlanFactRow) => void;
}) {
  const { t, i18n } = useTranslation();
  const cols = [
    'periodCol',
    'planWon',
    'factWon',
    'planPaid',
    'factPaid',
    'forecast',
    'runRate',
  ].map((c) => t(`analytics.planFact.${c}`));
  const money = (k: number | null) => (k === null ? '—' : formatMoney(k));
  return (
    <DataTable
      rows={report.rows}
      columns={cols}
      minWidth={760}
      loading={false}
      loadingLabel={t('common.loading')}
      emptyText=""
      renderRow={(r) => (
        <Table.Tr key={r.start} data-testid="plan-fact-row">
          <Table.Td>{periodLabel(r.start, report.period, i18n.language)}</Table.Td>
          <Table.Td>{money(r.planWon)}</Table.Td>
          <Table.Td>
            {r.wonDeals ? (
              <Anchor component="button" type="button" onClick={() => onPick(r)}>
                {formatMoney(r.factWon)}
              </Anchor>
            ) : (
              formatMoney(r.factWon)
            )}{' '}
            <Text span size="xs" c="dimmed">
              {share(r.factWon, r.planWon)}
            </Text>
          </Table.Td>
          <Table.Td>{money(r.planPaid)}</Table.Td>
          <Table.Td>
            {formatMoney(r.factPaid)}{' '}
            <Text span size="xs" c="dimmed">
              {share(r.factPaid, r.planPaid)}
            </Text>
          </Table.Td>
          <Table.Td>{formatMoney(r.forecast)}</Table.Td>
          <Table.Td>{money(r.runRate)}</Table.Td>
        </Table.Tr>
      )}
    />
  );
}
