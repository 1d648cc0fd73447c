import type { CustomEntity, CustomField } from '@voronka/contract';
import {
  Badge,
  Box,
  Button,
  Drawer,
  Flex,
  Group,
  Kbd,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { type KeyboardEvent, type ReactElement, type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterDrawerFooter } from './FilterDrawerFooter';
import { ViewsMenu } from '../views';
import { ColumnsMenu } from './ColumnsMenu';
import { CustomFieldFilter, useSettledParam, type FilterControl } from './FilterInputs';
import {
  activeFilterCount,
  customParams,
  defaultState,
  sameState,
  stateFromView,
  viewFromState,
  type ListSpec,
  type ListState,
  type SortOrder,
} from './list-state';

export type SortChoice = { key: string; first: SortOrder; label: string };

type Props = {
  entity: CustomEntity;
  spec: ListSpec;
  state: ListState;
  update: (next: ListState) => void;
  fields: CustomField[];
  control: FilterControl;
  phone: boolean;
  search: { label: string; placeholder?: string | undefined };
  searchRef: RefObject<HTMLInputElement | null>;
  onSearchArrowDown: () => void;
  inline: ReactElement[];
  more: ReactElement[];
  moreParams: readonly string[];
  columns: { id: string; label: string }[];
  sorts: SortChoice[];
};

// Above a list: search ('/' focuses it), the main filters, and the buttons for the other
// filters (custom fields among them), the columns and the saved views. On a phone every filter
// moves into the drawer, the sort too (there are no column headers to click).
export function ListToolbar(p: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const customKeys = p.fields.flatMap(customParams);
  const inDrawer = p.phone
    ? p.spec.filters.filter((k) => k !== 'q').concat(customKeys)
    : [...p.moreParams, ...customKeys];
  const drawerCount = activeFilterCount(p.state.filters, inDrawer);
  const hasDrawer = p.phone || p.more.length > 0 || p.fields.length > 0;
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      p.onSearchArrowDown();
    }
  };
  const [q, setQ] = useSettledParam(p.control, 'q');
  const search = (
    <TextInput
      ref={p.searchRef}
      type="search"
      label={p.search.label}
      placeholder={p.search.placeholder}
      value={q}
      onChange={(e) => setQ(e.currentTarget.value)}
      onKeyDown={onSearchKey}
      error={p.control.error('q')}
      rightSection={p.phone ? null : <Kbd size="xs">/</Kbd>}
    />
  );
  const buttons = (
    <Group gap="xs" wrap="nowrap" ml={p.phone ? undefined : 'auto'}>
      {hasDrawer ? (
        <Button
          variant="default"
          onClick={() => setOpen(true)}
          rightSection={
            drawerCount ? (
              <Badge size="sm" circle>
                {drawerCount}
              </Badge>
            ) : null
          }
        >
          {t('records.filters')}
        </Button>
      ) : null}
      <ColumnsMenu
        primaryId={p.spec.columns[0]!}
        all={p.columns}
        shown={p.state.columns}
        onChange={(columns) => p.update({ ...p.state, columns })}
      />
      <ViewsMenu
        entity={p.entity}
        current={viewFromState(p.state)}
        isCurrent={(v) => sameState(stateFromView(v.query, p.spec, p.fields), p.state)}
        onApply={(q) =>
          p.update(
            Object.keys(q).length ? stateFromView(q, p.spec, p.fields) : defaultState(p.spec),
          )
        }
      />
    </Group>
  );
  return (
    <>
      {p.phone ? (
        <Stack gap="xs">
          {search}
          {buttons}
        </Stack>
      ) : (
        // Filters shrink down to 140 px before the buttons wrap to a line of their own.
        <Flex gap="sm" align="flex-end" wrap="wrap">
          <Box style={{ flex: '1 1 200px', maxWidth: 260 }}>{search}</Box>
          {p.inline.map((el) => (
            <Box key={el.key} style={{ flex: '1 1 140px', maxWidth: 200 }}>
              {el}
            </Box>
          ))}
          {buttons}
        </Flex>
      )}
      <Drawer
        opened={open}
        onClose={() => setOpen(false)}
        position="right"
        size={p.phone ? '100%' : 'md'}
        title={t('records.filters')}
      >
        <Stack>
          {p.phone ? <SortSelect sorts={p.sorts} state={p.state} update={p.update} /> : null}
          {p.phone || p.more.length ? (
            <SimpleGrid cols={1}>{[...(p.phone ? p.inline : []), ...p.more]}</SimpleGrid>
          ) : null}
          {p.fields.length ? <CustomFilters fields={p.fields} control={p.control} /> : null}
          <FilterDrawerFooter
            onReset={() =>
              p.update({ ...p.state, filters: p.state.filters.q ? { q: p.state.filters.q } : {} })
            }
            resetDisabled={drawerCount === 0}
            onClose={() => setOpen(false)}
          />
        </Stack>
      </Drawer>
    </>
  );
}

function CustomFilters({ fields, control }: { fields: CustomField[]; control: FilterControl }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Title order={3} size="h6" c="dimmed">
        {t('records.customFields')}
      </Title>
      {fields.map((f) => (
        <CustomFieldFilter key={f.id} field={f} control={control} />
      ))}
    </Stack>
  );
}

function SortSelect({
  sorts,
  state,
  update,
}: {
  sorts: SortChoice[];
  state: ListState;
  update: (s: ListState) => void;
}) {
  const { t } = useTranslation();
  const data = sorts.flatMap((s) =>
    (['asc', 'desc'] as const).map((o) => ({
      value: `${s.key}:${o}`,
      label: `${s.label} ${o === 'asc' ? '↑' : '↓'}`,
    })),
  );
  return (
    <Select
      label={t('records.sort')}
      data={data}
      value={`${state.sort}:${state.order}`}
      allowDeselect={false}
      onChange={(v) => {
        const [sort, order] = (v ?? '').split(':') as [string, SortOrder];
        if (sort) update({ ...state, sort, order });
      }}
    />
  );
}
