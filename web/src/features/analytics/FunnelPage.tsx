import type { FunnelReport } from '@voronka/contract';
import { Anchor, Button, Group, Paper, SimpleGrid, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { useMe } from '../../lib/session';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import { DrillDeals } from './DrillDeals';
import { FunnelChart } from './FunnelChart';
import { FilterBar, ReportFrame } from './ReportFrame';
import { formatSeconds, KeyFigure } from './report-bits';
import {
  type Drill,
  emptyFilters,
  type Filters,
  funnelExportUrl,
  useFunnel,
} from './use-analytics';

const metrics = ['all', 'open', 'won', 'lost', 'won_closed'] as const;

// The funnel of the deals created in the period; every number opens the deals behind it. A link may
// open a drill at once (?from=…&to=…&drill=won_closed: the dashboard's «won this month»).
export function FunnelPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const [f, setF] = useState<Filters>({
    ...emptyFilters,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  });
  const asked = params.get('drill') as (typeof metrics)[number] | null;
  const [drill, setDrill] = useState<Drill | null>(
    asked && metrics.includes(asked) ? { metric: asked } : null,
  );
  const report = useFunnel(f);
  const r = report.data;
  const canExport = me.permissions.deals?.export === true;
  return (
    <ReportFrame
      title={t('analytics.funnel.title')}
      description={t('analytics.funnel.description')}
      actions={
        canExport ? (
          <Group gap="xs">
            <Button component="a" href={funnelExportUrl(f, 'xlsx')} variant="default" download>
              {t('analytics.funnel.exportXlsx')}
            </Button>
            <Button component="a" href={funnelExportUrl(f, 'csv')} variant="subtle" download>
              {t('analytics.funnel.exportCsv')}
            </Button>
          </Group>
        ) : null
      }
    >
      <FilterBar value={f} onChange={setF} />
      <FormAlert message={report.error ? errorMessage(report.error) : null} />
      {r ? <Totals report={r} onPick={(metric) => setDrill({ metric })} /> : null}
      {drill ? (
        <DrillDeals
          filters={f}
          drill={drill}
          title={drillTitle(t, drill, r)}
          onClose={() => setDrill(null)}
        />
      ) : null}
      {r && r.totals.deals > 0 ? (
        <Paper withBorder p="sm">
          <FunnelChart report={r} onPick={(stageId) => setDrill({ metric: 'reached', stageId })} />
        </Paper>
      ) : null}
      {r ? <Stages report={r} onPick={setDrill} /> : null}
      {r && r.lostReasons.length ? <LostReasons report={r} onPick={setDrill} /> : null}
    </ReportFrame>
  );
}

type T = ReturnType<typeof useTranslation>['t'];
function drillTitle(t: T, d: Drill, r: FunnelReport | undefined) {
  if (d.metric === 'reached')
    return t('analytics.drillReached', {
      stage: r?.stages.find((s) => s.stageId === d.stageId)?.name ?? '',
    });
  if (d.metric === 'lost_reason')
    return `${t('analytics.drill.lost_reason')} «${
      r?.lostReasons.find((l) => l.lostReasonId === (d.lostReasonId ?? null))?.name ??
      t('analytics.funnel.noReason')
    }»`;
  return t(`analytics.drill.${d.metric}`);
}

function Totals({
  report,
  onPick,
}: {
  report: FunnelReport;
  onPick: (m: Drill['metric']) => void;
}) {
  const { t } = useTranslation();
  const x = report.totals;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      <KeyFigure
        label={t('analytics.funnel.deals')}
        value={formatNumber(x.deals)}
        onClick={() => onPick('all')}
        testId="funnel-deals"
      />
      <KeyFigure
        label={t('analytics.funnel.won')}
        value={`${formatNumber(x.won)} · ${formatMoney(x.wonAmount)}`}
        onClick={() => onPick('won')}
        testId="funnel-won"
      />
      <KeyFigure
        label={t('analytics.funnel.lost')}
        value={formatNumber(x.lost)}
        onClick={() => onPick('lost')}
        testId="funnel-lost"
      />
      <KeyFigure
        label={t('analytics.funnel.open')}
        value={formatNumber(x.open)}
        onClick={() => onPick('open')}
        testId="funnel-open"
      />
      <KeyFigure
        label={t('analytics.funnel.winRate')}
        value={x.winRate === null ? '—' : formatPercent(x.winRate)}
        testId="funnel-win-rate"
      />
      <KeyFigure
        label={t('analytics.funnel.average')}
        value={x.averageWonAmount === null ? '—' : formatMoney(x.averageWonAmount)}
        testId="funnel-average"
      />
      <KeyFigure
        label={t('analytics.funnel.cycle')}
        value={
          x.cycleMedianDays === null
            ? '—'
            : t('analytics.days', { n: formatNumber(x.cycleMedianDays) })
        }
        testId="funnel-cycle"
      />
    </SimpleGrid>
  );
}

function Stages({ report, onPick }: { report: FunnelReport; onPick: (d: Drill) => void }) {
  const { t } = useTranslation();
  const cols = ['stage', 'reached', 'conversion', 'median', 'p90', 'stays'].map((c) =>
    t(`analytics.funnel.${c}`),
  );
  return (
    <DataTable
      rows={report.stages}
      columns={cols}
      minWidth={640}
      loading={false}
      loadingLabel={t('common.loading')}
      emptyText={t('analytics.funnel.empty')}
      renderRow={(s) => (
        <Table.Tr key={s.stageId} data-testid="funnel-stage">
          <Table.Td>{s.name}</Table.Td>
          <Table.Td>
            <Anchor
              component="button"
              type="button"
              onClick={() => onPick({ metric: 'reached', stageId: s.stageId })}
            >
              {formatNumber(s.reached)}
            </Anchor>
          </Table.Td>
          <Table.Td>{s.conversion === null ? '—' : formatPercent(s.conversion)}</Table.Td>
          <Table.Td>{formatSeconds(s.medianSeconds, t)}</Table.Td>
          <Table.Td>{formatSeconds(s.p90Seconds, t)}</Table.Td>
          <Table.Td>{s.kind === 'open' ? formatNumber(s.stays) : '—'}</Table.Td>
        </Table.Tr>
      )}
    />
  );
}

function LostReasons({ report, onPick }: { report: FunnelReport; onPick: (d: Drill) => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {t('analytics.funnel.lostReasons')}
      </Text>
      <DataTable
        rows={report.lostReasons}
        columns={[
          t('analytics.funnel.reason'),
          t('analytics.funnel.deals'),
          t('analytics.funnel.amount'),
        ]}
        minWidth={360}
        loading={false}
        loadingLabel={t('common.loading')}
        emptyText={t('analytics.funnel.empty')}
        renderRow={(l) => (
          <Table.Tr key={l.lostReasonId ?? 'none'} data-testid="funnel-lost-reason">
            <Table.Td>{l.name ?? t('analytics.funnel.noReason')}</Table.Td>
            <Table.Td>
              <Anchor
                component="button"
                type="button"
                onClick={() =>
                  onPick({
                    metric: 'lost_reason',
                    ...(l.lostReasonId ? { lostReasonId: l.lostReasonId } : {}),
                  })
                }
              >
                {formatNumber(l.deals)}
              </Anchor>
            </Table.Td>
            <Table.Td>{formatMoney(l.amount)}</Table.Td>
          </Table.Tr>
        )}
      />
    </Paper>
  );
}
