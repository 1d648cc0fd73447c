import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ListColumn, PrimaryColumn } from './columns';
import classes from './records.module.css';

// The phone-sized list: one card per record, the name on top and the chosen columns beneath,
// so nothing hides behind sideways scrolling. Each card is a link to the record.
export function RecordCards<T extends { id: string }>({
  label,
  rows,
  primary,
  columns,
  hrefOf,
}: {
  label: string;
  rows: T[];
  primary: PrimaryColumn<T>;
  columns: ListColumn<T>[];
  hrefOf: (row: T) => string;
}) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label={label}
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {rows.map((row) => (
        <li key={row.id}>
          <Paper withBorder p="sm" component={Link} to={hrefOf(row)} className={classes.card}>
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {primary.title(row)}
              </Text>
            </Group>
            {primary.extra ? <div>{primary.extra(row)}</div> : null}
            {columns.length ? (
              <SimpleGrid cols={2} spacing="xs" verticalSpacing={4} mt={6}>
                {columns.map((c) => (
                  <div key={c.id} style={{ minWidth: 0 }}>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {c.label}
                    </Text>
                    <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
                      {c.render(row) ?? '—'}
                    </Text>
                  </div>
                ))}
              </SimpleGrid>
            ) : null}
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
