import { Anchor, Table, Text, UnstyledButton } from '@mantine/core';
import { type KeyboardEvent, type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListColumn, PrimaryColumn } from './columns';
import type { SortOrder } from './list-state';
import classes from './records.module.css';

type Sortable = { label: string; sort?: { key: string; first: SortOrder } };

type Props<T extends { id: string }> = {
  label: string;
  rows: T[];
  primary: PrimaryColumn<T>;
  columns: ListColumn<T>[];
  sort: string;
  order: SortOrder;
  onSort: (key: string, first: SortOrder) => void;
  hrefOf: (row: T) => string;
  onOpen: (row: T) => void;
  // Arrow down on the last row: the next page, if there is one.
  onPastEnd: () => void;
  bodyRef: RefObject<HTMLTableSectionElement | null>;
};

// The wide-screen list: headers sort on click, the name column stays while the rest scrolls
// sideways, and the rows are one tab stop walked with the arrow keys, Enter opening the card.
export function RecordTable<T extends { id: string }>(props: Props<T>) {
  const [active, setActive] = useState(0);
  const rowsOf = () => [
    ...(props.bodyRef.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]') ?? []),
  ];
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const rows = rowsOf();
    const i = rows.indexOf((e.target as HTMLElement).closest('tr') as HTMLTableRowElement);
    if (i < 0) return;
    const go = (n: number) => {
      e.preventDefault();
      rows[Math.max(0, Math.min(rows.length - 1, n))]?.focus();
    };
    if (e.key === 'ArrowDown') {
      if (i === rows.length - 1) props.onPastEnd();
      go(i + 1);
    } else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(rows.length - 1);
    else if (e.key === 'Enter' && e.target === rows[i]) {
      e.preventDefault();
      props.onOpen(props.rows[i]!);
    }
  };
  const current = Math.min(active, props.rows.length - 1);

  return (
    <Table.ScrollContainer minWidth={Math.max(560, 110 * (props.columns.length + 1))}>
      <Table highlightOnHover withRowBorders aria-label={props.label} aria-rowcount={-1}>
        <Table.Thead>
          <Table.Tr>
            <Header
              column={props.primary}
              sort={props.sort}
              order={props.order}
              onSort={props.onSort}
              className={`${classes.sticky} ${classes.primary}`}
            />
            {props.columns.map((c) => (
              <Header
                key={c.id}
                column={c}
                sort={props.sort}
                order={props.order}
                onSort={props.onSort}
                align={c.align}
              />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={props.bodyRef} onKeyDown={onKeyDown}>
          {props.rows.map((row, i) => (
            <Table.Tr
              key={row.id}
              data-row={i}
              className={classes.row}
              tabIndex={i === current ? 0 : -1}
              onFocus={() => setActive(i)}
              onClick={() => props.onOpen(row)}
            >
              <Table.Td className={classes.sticky}>
                <Anchor
                  component={Link}
                  to={props.hrefOf(row)}
                  onClick={(e) => e.stopPropagation()}
                  fw={500}
                  tabIndex={-1}
                >
                  {props.primary.title(row)}
                </Anchor>
                {props.primary.extra?.(row)}
              </Table.Td>
              {props.columns.map((c) => (
                <Table.Td
                  key={c.id}
                  ta={c.align}
                  style={
                    c.nowrap || c.align === 'right'
                      ? { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }
                      : undefined
                  }
                >
                  {c.render(row) ?? '—'}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Header({
  column,
  sort,
  order,
  onSort,
  className,
  align,
}: {
  column: Sortable;
  sort: string;
  order: SortOrder;
  onSort: Props<{ id: string }>['onSort'];
  className?: string;
  align?: 'right' | undefined;
}) {
  const { t } = useTranslation();
  if (!column.sort) {
    return (
      <Table.Th className={className} ta={align} style={{ whiteSpace: 'nowrap' }}>
        {column.label}
      </Table.Th>
    );
  }
  const { key, first } = column.sort;
  const on = sort === key;
  return (
    <Table.Th
      className={className}
      ta={align}
      aria-sort={on ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton
        className={classes.sortButton}
        onClick={() => onSort(key, first)}
        title={t('records.sortBy', { name: column.label })}
      >
        {column.label}
        <Text span c={on ? undefined : 'dimmed'} size="xs" aria-hidden>
          {on ? (order === 'asc' ? '↑' : '↓') : '↕'}
        </Text>
      </UnstyledButton>
    </Table.Th>
  );
}
