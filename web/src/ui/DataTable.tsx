import { Loader, Table, type TableProps, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

type Props<T> = Omit<TableProps, 'children'> & {
  rows: T[];
  renderRow: (row: T) => ReactNode;
  columns: string[];
  // Names the last column, whose cells hold row buttons, for screen readers only.
  actionsLabel?: string;
  minWidth: number;
  loading: boolean;
  loadingLabel: string;
  emptyText: string;
};

// A list page's table: a loader while the first page comes, a line of text when there is nothing,
// otherwise a striped table that scrolls sideways on a narrow screen.
export function DataTable<T>({
  rows,
  renderRow,
  columns,
  actionsLabel,
  minWidth,
  loading,
  loadingLabel,
  emptyText,
  ...table
}: Props<T>) {
  if (loading) return <Loader aria-label={loadingLabel} />;
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {emptyText}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped {...table}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
            {actionsLabel ? (
              <Table.Th>
                <VisuallyHidden>{actionsLabel}</VisuallyHidden>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows.map(renderRow)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
