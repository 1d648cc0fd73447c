import type { Deal, Pipeline, Stage } from '@voronka/contract';
import { Button, ColorSwatch, Group, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanRead } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { ExportButtons } from '../export';
import { usePipelines } from '../pipelines/use-pipelines';
import type { ListColumn, PrimaryColumn } from '../records/columns';
import { ChoiceFilter, RangeFilter, TextFilter, type FilterControl } from '../records/FilterInputs';
import type { ListSpec } from '../records/list-state';
import { RecordListPage } from '../records/RecordListPage';
import { formatListDate, TagBadges, useUserNames } from '../records/record-bits';
import { useActiveUsers } from '../teams';
import { DealDialog } from './DealDialog';
import { DealsViewSwitch } from './DealsViewSwitch';
import { formatMoney } from '../../lib/money';

const spec: ListSpec = {
  filters: [
    'q',
    'pipelineId',
    'stageId',
    'ownerId',
    'amountMin',
    'amountMax',
    'closeFrom',
    'closeTo',
    'tag',
    'companyId',
    'contactId',
  ],
  sorts: ['updatedAt', 'amount', 'expectedCloseDate', 'createdAt'],
  columns: [
    'title',
    'company',
    'stage',
    'amount',
    'owner',
    'expectedCloseDate',
    'contacts',
    'updatedAt',
    'createdAt',
  ],
  defaults: {
    sort: 'updatedAt',
    order: 'desc',
    columns: ['title', 'company', 'stage', 'amount', 'owner', 'expectedCloseDate', 'updatedAt'],
  },
};

export const stageColor: Record<Stage['kind'], string> = {
  open: 'blue',
  won: 'green',
  lost: 'red',
};

// Deals as a table beside the board: every pipeline at once, filters (amount, dates, custom
// fields), header sort, saved views, export of what is shown.
export function DealsPage() {
  const { t } = useTranslation();
  const users = useActiveUsers(useCanRead('users'));
  const userName = useUserNames(users.data);
  const pipelines = usePipelines().data ?? [];
  const canCreate = useCanWrite('deals', 'create');
  const [creating, setCreating] = useState<string | null>(null);
  const stageOf = (d: Deal) =>
    pipelines.find((p) => p.id === d.pipelineId)?.stages.find((s) => s.id === d.stageId);
  const pipelineName = (d: Deal) => pipelines.find((p) => p.id === d.pipelineId)?.name;
  const defaultPipeline = pipelines.find((p) => p.isDefault)?.id ?? pipelines[0]?.id;

  const primary: PrimaryColumn<Deal> = {
    id: 'title',
    label: t('deals.name'),
    title: (d) => d.title,
    extra: (d) => <TagBadges tags={d.tags} ml={6} />,
  };
  const columns: ListColumn<Deal>[] = [
    { id: 'company', label: t('deals.company'), render: (d) => d.companyName },
    {
      id: 'stage',
      label: t('deals.stage'),
      render: (d) => (
        <>
          <Group gap={6} wrap="nowrap">
            <ColorSwatch
              size={8}
              color={`var(--mantine-color-${stageColor[stageOf(d)?.kind ?? 'open']}-6)`}
              withShadow={false}
              style={{ flexShrink: 0 }}
            />
            <Text size="sm">{stageOf(d)?.name ?? '…'}</Text>
          </Group>
          {pipelines.length > 1 ? (
            <Text size="xs" c="dimmed">
              {pipelineName(d)}
            </Text>
          ) : null}
        </>
      ),
    },
    {
      id: 'amount',
      label: t('deals.amount'),
      render: (d) => formatMoney(d.amount, d.currency),
      align: 'right',
      sort: { key: 'amount', first: 'desc' },
    },
    { id: 'owner', label: t('companies.owner'), render: (d) => userName(d.ownerId) },
    {
      id: 'expectedCloseDate',
      label: t('records.deals.closeDate'),
      render: (d) => formatListDate(d.expectedCloseDate),
      sort: { key: 'expectedCloseDate', first: 'asc' },
      nowrap: true,
    },
    {
      id: 'contacts',
      label: t('deals.contacts'),
      render: (d) => d.contacts.map((c) => c.name).join(', ') || null,
    },
    {
      id: 'updatedAt',
      label: t('records.updatedAt'),
      render: (d) => formatListDate(d.updatedAt),
      sort: { key: 'updatedAt', first: 'desc' },
      nowrap: true,
    },
    {
      id: 'createdAt',
      label: t('records.createdAt'),
      render: (d) => formatListDate(d.createdAt),
      sort: { key: 'createdAt', first: 'desc' },
      nowrap: true,
    },
  ];
  const owners = (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));

  return (
    <>
      <RecordListPage<Deal>
        entity="deals"
        title={t('records.deals.title')}
        spec={spec}
        primary={primary}
        columns={columns}
        hrefOf={(d) => `/deals/${d.id}`}
        search={{ label: t('records.search'), placeholder: t('records.deals.searchPlaceholder') }}
        inlineFilters={(c) => [
          <PipelineFilter key="pipeline" pipelines={pipelines} control={c} />,
          <StageFilter key="stage" pipelines={pipelines} control={c} />,
          <ChoiceFilter
            key="owner"
            label={t('companies.owner')}
            param="ownerId"
            data={owners}
            control={c}
            searchable
          />,
        ]}
        moreFilters={(c) => [
          <RangeFilter
            key="amount"
            label={t('deals.amount')}
            kind="money"
            from="amountMin"
            to="amountMax"
            control={c}
          />,
          <RangeFilter
            key="close"
            label={t('records.deals.closeDate')}
            kind="date"
            from="closeFrom"
            to="closeTo"
            control={c}
          />,
          <TextFilter key="tag" label={t('companies.tag')} param="tag" control={c} />,
        ]}
        moreParams={['amountMin', 'amountMax', 'closeFrom', 'closeTo', 'tag']}
        emptyText={t('records.deals.empty')}
        onCreate={canCreate && defaultPipeline ? () => setCreating(defaultPipeline) : undefined}
        actions={(params) => (
          <Group gap="sm">
            <DealsViewSwitch current="list" pipelineId={params.pipelineId} />
            <ExportButtons entity="deals" filters={params} />
            <Button
              onClick={() => setCreating(params.pipelineId ?? defaultPipeline ?? null)}
              disabled={!canCreate || !defaultPipeline}
            >
              {t('deals.create')}
            </Button>
          </Group>
        )}
      />
      {creating ? <DealDialog pipelineId={creating} onClose={() => setCreating(null)} /> : null}
    </>
  );
}

function PipelineFilter({ pipelines, control }: { pipelines: Pipeline[]; control: FilterControl }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('pipelines.switch')}
      value={control.value('pipelineId')}
      // A stage belongs to one pipeline: another pipeline clears it.
      onChange={(v) => control.patch({ pipelineId: v ?? '', stageId: '' })}
      allowDeselect={false}
      data={[
        { value: '', label: t('records.any') },
        ...pipelines.map((p) => ({ value: p.id, label: p.name })),
      ]}
    />
  );
}

function StageFilter({ pipelines, control }: { pipelines: Pipeline[]; control: FilterControl }) {
  const { t } = useTranslation();
  const chosen = pipelines.filter(
    (p) => !control.value('pipelineId') || p.id === control.value('pipelineId'),
  );
  const data = [
    { value: '', label: t('records.any') },
    ...chosen.map((p) => ({
      group: p.name,
      items: p.stages.map((s) => ({ value: s.id, label: s.name })),
    })),
  ];
  return (
    <Select
      label={t('deals.stage')}
      value={control.value('stageId')}
      onChange={control.set('stageId')}
      allowDeselect={false}
      data={data}
    />
  );
}
