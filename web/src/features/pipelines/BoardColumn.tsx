import type { BoardColumn as Column } from '@voronka/contract';
import { Badge, Box, Group, Paper, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../lib/money';
import { SortableDealCard } from './DealBoardCard';

const CARD_HEIGHT = 84;

// A stage column: header with totals, then a virtualised list, so thousands of cards stay smooth.
export function BoardColumn({
  column,
  robots = 0,
  onNeedMore,
}: {
  column: Column;
  // Enabled stage robots on this stage (automation rules), shown as a badge that links to them.
  robots?: number;
  onNeedMore: (column: Column) => void;
}) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({
    id: `column:${column.stage.id}`,
    data: { type: 'column', stageId: column.stage.id },
  });
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: column.deals.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT,
    overscan: 6,
    gap: 8,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && column.nextCursor && last.index >= column.deals.length - 5) onNeedMore(column);
  }, [last, column, onNeedMore]);

  const count = column.countCapped ? t('pipelines.countCapped') : String(column.count);
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      radius="md"
      bg={isOver ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-body)'}
      style={{ width: 272, flex: '0 0 272px', display: 'flex', flexDirection: 'column' }}
      role="region"
      aria-label={column.stage.name}
      data-stage-id={column.stage.id}
    >
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Text fw={600} size="sm" lineClamp={1}>
          {column.stage.name}
        </Text>
        {robots ? (
          <Tooltip label={t('pipelines.robots', { count: robots })}>
            <Badge
              component={Link}
              to="/settings/automations"
              variant="outline"
              color="grape"
              style={{ cursor: 'pointer' }}
              aria-label={t('pipelines.robots', { count: robots })}
            >
              ⚙ {robots}
            </Badge>
          </Tooltip>
        ) : null}
        <Badge
          variant="light"
          color={
            column.stage.kind === 'won' ? 'teal' : column.stage.kind === 'lost' ? 'red' : 'blue'
          }
        >
          {count}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {formatMoney(column.amount)}
      </Text>
      <SortableContext items={column.deals.map((d) => d.id)} strategy={verticalListSortingStrategy}>
        <Box
          ref={scrollRef}
          style={{ overflowY: 'auto', height: 'calc(100dvh - 260px)', minHeight: 240 }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const deal = column.deals[item.index]!;
              return (
                <div
                  key={deal.id}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <SortableDealCard deal={deal} />
                </div>
              );
            })}
          </div>
          {column.deals.length === 0 ? (
            <Text size="xs" c="dimmed" ta="center" mt="md">
              {t('pipelines.emptyStage')}
            </Text>
          ) : null}
        </Box>
      </SortableContext>
    </Paper>
  );
}
