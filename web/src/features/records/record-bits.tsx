import type { User } from '@voronka/contract';
import { Badge, Group } from '@mantine/core';
import { useCallback } from 'react';
import { formatShortDate } from '../../lib/format';

// A record's tags as small badges beside its name.
export function TagBadges({
  tags,
  size = 'xs',
  ml = 0,
}: {
  tags: string[];
  size?: 'xs' | 'sm';
  ml?: number;
}) {
  if (!tags.length) return null;
  return (
    <Group
      gap={4}
      mt={2}
      component="span"
      style={{ display: 'inline-flex', marginLeft: ml, verticalAlign: 'middle' }}
    >
      {tags.map((tag) => (
        <Badge key={tag} size={size} variant="light">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}

// An owner's name from the workspace's people ('…' while they load or when the role may not list them).
export function useUserNames(users: User[] | undefined) {
  return useCallback(
    (id: string | null) => (id ? ((users ?? []).find((u) => u.id === id)?.name ?? '…') : '—'),
    [users],
  );
}

// Dates in a list column: "27.11.2026", short enough to keep the row on one line.
export function formatListDate(iso: string | null | undefined): string | null {
  return iso ? formatShortDate(iso) : null;
}
