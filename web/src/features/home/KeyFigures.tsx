import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { useDashboard } from '../analytics';
import { Stat } from './home-cards';

// The day's and week's key figures from GET /reports/dashboard (the head's department, a manager's
// own), each a link to the report or the records behind it. A figure one has no right to is left out.
export function KeyFigures() {
  const { t } = useTranslation();
  const d = useDashboard().data;
  if (!d) return null;
  const month = `${d.today.slice(0, 7)}-01`;
  const plan = d.plan;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm" data-testid="key-figures">
      {d.newRequestsToday !== null ? (
        <Stat
          label={t('analytics.tiles.newToday')}
          value={formatNumber(d.newRequestsToday)}
          to="/leads"
          testId="tile-new-today"
        />
      ) : null}
      {d.newRequestsWeek !== null ? (
        <Stat
          label={t('analytics.tiles.newWeek')}
          value={formatNumber(d.newRequestsWeek)}
          to="/leads"
          testId="tile-new-week"
        />
      ) : null}
      {d.overdueTasks !== null ? (
        <Stat
          label={t('analytics.tiles.overdue')}
          value={formatNumber(d.overdueTasks)}
          alert={d.overdueTasks > 0}
          to="/tasks"
          testId="tile-overdue"
        />
      ) : null}
      {d.slaBreachesWeek !== null ? (
        <Stat
          label={t('analytics.tiles.breaches')}
          value={formatNumber(d.slaBreachesWeek)}
          alert={d.slaBreachesWeek > 0}
          to="/reports/sla"
          testId="tile-breaches"
        />
      ) : null}
      <Stat
        label={t('analytics.tiles.won')}
        value={`${formatNumber(d.wonThisMonth.deals)} · ${formatMoney(d.wonThisMonth.amount)}`}
        to={`/reports/funnel?from=${month}&to=${d.today}&drill=won_closed`}
        testId="tile-won"
      />
      <Stat
        label={t('analytics.tiles.plan')}
        value={
          plan && plan.amount > 0
            ? t('analytics.tiles.planOf', {
                percent: formatPercent(plan.fact / plan.amount, 0),
                amount: formatMoney(plan.amount),
              })
            : t('analytics.tiles.noPlan')
        }
        to="/reports/plan-fact"
        testId="tile-plan"
      />
      {d.receivables !== null ? (
        <Stat
          label={t('analytics.tiles.receivables')}
          value={formatMoney(d.receivables)}
          to="/receivables"
          testId="tile-receivables"
        />
      ) : null}
    </SimpleGrid>
  );
}
