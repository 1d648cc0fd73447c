import type { Deal } from '@voronka/contract';
import { Anchor, Card, Group, Text } from '@mantine/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Link } from 'react-router';
import { formatMoney } from '../../lib/money';

// One deal on the board; the whole card is the drag handle (pointer or Space/Enter + arrows).
export function SortableDealCard({ deal }: { deal: Deal }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: deal.id,
    data: { type: 'deal', stageId: deal.stageId },
  });
  return (
    <div
      ref={setNodeRef}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.4 : 1,
      }}
      {...attributes}
      {...listeners}
      data-deal-id={deal.id}
    >
      <DealCardBody deal={deal} />
    </div>
  );
}

export function DealCardBody({ deal, lifted = false }: { deal: Deal; lifted?: boolean }) {
  return (
    <Card
      withBorder
      padding="xs"
      radius="sm"
      shadow={lifted ? 'md' : 'xs'}
      style={{ cursor: 'grab' }}
    >
      <Anchor component={Link} to={`/deals/${deal.id}`} fw={500} size="sm" lineClamp={2}>
        {deal.title}
      </Anchor>
      {deal.companyName ? (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {deal.companyName}
        </Text>
      ) : null}
      <Group justify="space-between" mt={4}>
        <Text size="sm" fw={600}>
          {formatMoney(deal.amount, deal.currency)}
        </Text>
      </Group>
    </Card>
  );
}
