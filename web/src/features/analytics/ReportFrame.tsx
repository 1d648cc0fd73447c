import { LeadChannel } from '@voronka/contract';
import { Anchor, Group, Select, Stack, Tabs, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMe } from '../../lib/session';
import { PageHeader } from '../../ui/PageHeader';
import { type Filters, useMembers, usePipelines } from './use-analytics';

const tabs = [
  ['funnel', '/reports/funnel'],
  ['planFact', '/reports/plan-fact'],
  ['activity', '/reports/activity'],
  ['winBack', '/reports/win-back'],
] as const;

// Every analytics page: the tabs between the reports (and a link to the SLA report, which lives in
// routing), the page's header and its content.
export function ReportFrame(props: {
  title: string;
  description: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const seesSla = me.permissions.routing?.read && me.permissions.leads?.visibility !== 'own';
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Tabs value={pathname} onChange={(v) => v && navigate(v)} variant="pills">
          <Tabs.List>
            {tabs.map(([key, to]) => (
              <Tabs.Tab key={key} value={to}>
                {t(`analytics.tabs.${key}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        {seesSla ? (
          <Anchor component={Link} to="/reports/sla" size="sm">
            {t('analytics.tabs.sla')}
          </Anchor>
        ) : null}
      </Group>
      <PageHeader title={props.title} description={props.description} actions={props.actions} />
      {props.children}
    </Stack>
  );
}

// Period, pipeline, manager (for whoever sees more than their own), source.
export function FilterBar({
  value,
  onChange,
  pipeline = true,
  source = true,
}: {
  value: Filters;
  onChange: (f: Filters) => void;
  pipeline?: boolean;
  source?: boolean;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const seesAll = me.permissions.deals?.visibility !== 'own';
  const members = useMembers(seesAll);
  const pipelines = usePipelines();
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const w = { base: '100%', xs: 200 };
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        type="date"
        label={t('analytics.filters.from')}
        value={value.from}
        onChange={(e) => set({ from: e.currentTarget.value })}
        w={{ base: '47%', xs: 160 }}
      />
      <TextInput
        type="date"
        label={t('analytics.filters.to')}
        value={value.to}
        onChange={(e) => set({ to: e.currentTarget.value })}
        w={{ base: '47%', xs: 160 }}
      />
      {pipeline && (pipelines.data?.items.length ?? 0) > 1 ? (
        <Select
          label={t('analytics.filters.pipeline')}
          value={value.pipelineId || null}
          placeholder={pipelines.data?.items.find((p) => p.isDefault)?.name}
          clearable
          onChange={(v) => set({ pipelineId: v ?? '' })}
          data={(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          w={w}
        />
      ) : null}
      {seesAll ? (
        <Select
          label={t('analytics.filters.manager')}
          placeholder={t('analytics.filters.all')}
          clearable
          searchable
          value={value.ownerId || null}
          onChange={(v) => set({ ownerId: v ?? '' })}
          data={(members.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          w={w}
        />
      ) : null}
      {source ? (
        <Select
          label={t('analytics.filters.source')}
          placeholder={t('analytics.filters.all')}
          clearable
          value={value.source || null}
          onChange={(v) => set({ source: v ?? '' })}
          data={LeadChannel.options.map((c) => ({ value: c, label: t(`analytics.sources.${c}`) }))}
          w={w}
        />
      ) : null}
    </Group>
  );
}
