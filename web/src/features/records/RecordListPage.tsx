import type { CustomField } from '@voronka/contract';
import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactElement, type ReactNode, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ApiError, isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { FormAlert } from '../../ui/FormAlert';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { formatCustomValue } from '../custom-fields';
import type { ListColumn, PrimaryColumn } from './columns';
import type { FilterControl } from './FilterInputs';
import { ListToolbar } from './ListToolbar';
import {
  activeFilterCount,
  customColumnId,
  defaultState,
  toggleSort,
  type ListSpec,
  type ListState,
} from './list-state';
import { RecordCards } from './RecordCards';
import { RecordTable } from './RecordTable';
import { useListParams, useListState, useRecordList } from './use-record-list';
import { useListShortcuts } from './use-list-shortcuts';

type Row = { id: string; custom: Record<string, unknown> };

export type RecordListProps<T extends Row> = {
  entity: 'companies' | 'contacts' | 'deals';
  title: string;
  spec: ListSpec;
  primary: PrimaryColumn<T>;
  columns: ListColumn<T>[];
  hrefOf: (row: T) => string;
  search: { label: string; placeholder?: string };
  inlineFilters?: (c: FilterControl) => ReactElement[];
  moreFilters?: (c: FilterControl) => ReactElement[];
  // The list's own parameters the "more" filters set (for the count on the Filters button).
  moreParams?: readonly string[];
  emptyText: string;
  actions: (params: Record<string, string>) => ReactNode;
  // The 'n' key; absent when the member may not create.
  onCreate?: (() => void) | undefined;
  // A list error that belongs under one filter, in the list's own words (e.g. a bad phone).
  filterError?: (e: ApiError) => { param: string; message: string } | null;
};

// Phones get cards below 600 px; wider screens the table, which scrolls sideways if it must.
const PHONE = '(max-width: 37.5em)';

function customColumn<T extends Row>(
  f: CustomField,
  words: { yes: string; no: string },
): ListColumn<T> {
  return {
    id: customColumnId(f.key),
    label: f.label,
    render: (row) => formatCustomValue(f, row.custom[f.key], words) || '—',
    ...(f.type === 'number' || f.type === 'money' ? { align: 'right' as const } : {}),
    nowrap: f.type === 'date',
  };
}

// One page for every list of the client base: filters (custom fields too) in the address,
// header sorting, saved views, chosen columns, keyset pages loaded as the user scrolls.
export function RecordListPage<T extends Row>(p: RecordListProps<T>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useMediaQuery(PHONE) ?? false;
  const { state, setState, fields, ready } = useListState(p.entity, p.spec);
  const params = useListParams(state);
  const list = useRecordList<T>(p.entity, params, ready);
  const searchRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const more = () => {
    if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  };
  useListShortcuts(searchRef, p.onCreate);

  const fieldError = list.error && p.filterError ? p.filterError(list.error) : null;
  const apiField = isApiError(list.error) ? list.error.field : undefined;
  const control: FilterControl = {
    value: (k) => state.filters[k] ?? '',
    set: (k) => (v) => setState({ ...state, filters: { ...state.filters, [k]: v ?? '' } }),
    patch: (values) => setState({ ...state, filters: { ...state.filters, ...values } }),
    error: (k) =>
      fieldError?.param === k
        ? fieldError.message
        : apiField === k
          ? errorMessage(list.error)
          : undefined,
  };
  const unplaced =
    list.error &&
    !fieldError &&
    !(apiField && [...p.spec.filters, ...Object.keys(state.filters)].includes(apiField));

  const words = { yes: t('customFields.yes'), no: t('customFields.no') };
  const all: ListColumn<T>[] = [...p.columns, ...fields.map((f) => customColumn<T>(f, words))];
  const visible = state.columns
    .map((id) => all.find((c) => c.id === id))
    .filter((c): c is ListColumn<T> => Boolean(c));
  const sorts = [p.primary, ...p.columns].flatMap((c) =>
    c.sort ? [{ ...c.sort, label: c.label }] : [],
  );
  const filtered = activeFilterCount(state.filters) > 0;
  const update = (next: ListState) => setState(next);
  const open = (row: T) => navigate(p.hrefOf(row));
  const focusFirstRow = () => bodyRef.current?.querySelector<HTMLElement>('tr[data-row]')?.focus();

  return (
    <Stack gap="sm">
      <PageHeader title={p.title} actions={p.actions(params)} />
      <ListToolbar
        entity={p.entity}
        spec={p.spec}
        state={state}
        update={update}
        fields={fields}
        control={control}
        phone={phone}
        search={p.search}
        searchRef={searchRef}
        onSearchArrowDown={focusFirstRow}
        inline={p.inlineFilters?.(control) ?? []}
        more={p.moreFilters?.(control) ?? []}
        moreParams={p.moreParams ?? []}
        columns={all.map((c) => ({ id: c.id, label: c.label }))}
        sorts={sorts}
      />
      {unplaced ? <FormAlert message={errorMessage(list.error)} /> : null}
      {list.isPending && !list.error ? (
        <Loader aria-label={t('common.loading')} />
      ) : rows.length === 0 && !list.error ? (
        <Empty
          filtered={filtered}
          text={p.emptyText}
          onReset={() => setState({ ...defaultState(p.spec), columns: state.columns })}
        />
      ) : (
        <div
          aria-busy={list.isPlaceholderData}
          style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
        >
          {phone ? (
            <RecordCards
              label={p.title}
              rows={rows}
              primary={p.primary}
              columns={visible}
              hrefOf={p.hrefOf}
            />
          ) : (
            <RecordTable
              label={p.title}
              rows={rows}
              primary={p.primary}
              columns={visible}
              sort={state.sort}
              order={state.order}
              onSort={(key, first) => setState(toggleSort(state, key, first))}
              hrefOf={p.hrefOf}
              onOpen={open}
              onPastEnd={more}
              bodyRef={bodyRef}
            />
          )}
        </div>
      )}
      <InfiniteScroll
        onVisible={more}
        active={Boolean(list.hasNextPage) && !list.isFetchingNextPage}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={more}
        label={t('common.loadMore')}
      />
    </Stack>
  );
}

// Nothing to show: say why, and offer to drop the filters when they are the reason. (No second
// "new" button here: the header has one, and 'n' opens it.)
function Empty({
  filtered,
  text,
  onReset,
}: {
  filtered: boolean;
  text: string;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Stack align="center" gap="xs">
        <Text c="dimmed">{filtered ? t('records.nothingMatches') : text}</Text>
        {filtered ? (
          <Button variant="light" onClick={onReset}>
            {t('records.resetFilters')}
          </Button>
        ) : null}
      </Stack>
    </Center>
  );
}

// The next page loads as its marker scrolls into view (the button below stays for keyboards).
function InfiniteScroll({ onVisible, active }: { onVisible: () => void; active: boolean }) {
  const marker = useRef<HTMLDivElement>(null);
  const latest = useRef(onVisible);
  latest.current = onVisible;
  useEffect(() => {
    const el = marker.current;
    if (!el || !active || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && latest.current(),
      { rootMargin: '300px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [active]);
  return <div ref={marker} aria-hidden />;
}
