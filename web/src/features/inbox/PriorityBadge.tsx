import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { priorityColor } from './sla-clock';

// A request's priority score (0–100), coloured from warm (red) to cold (blue).
export function PriorityBadge({
  score,
  size = 'sm',
}: {
  score: number;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  return (
    <Badge
      size={size}
      variant="light"
      color={priorityColor(score)}
      aria-label={t('inbox.priority.label', { score })}
      title={t('inbox.priority.label', { score })}
      style={{ flexShrink: 0 }}
      data-testid="priority-badge"
    >
      {score}
    </Badge>
  );
}
