import type { Page } from '@voronka/contract';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

type Named = { id: string; name?: string; fullName?: string };

// Options for picking an existing contact or company by typing part of its name.
export function useRecordOptions(
  path: '/contacts' | '/companies',
  search: string,
  enabled: boolean,
) {
  const [q] = useDebouncedValue(search.trim(), 250);
  return useQuery({
    enabled,
    queryKey: ['record-options', path, q],
    queryFn: () =>
      api.get(path, { query: { limit: 20, ...(q ? { q } : {}) } }) as Promise<Page<Named>>,
    select: (page) => page.items.map((r) => ({ value: r.id, label: r.fullName ?? r.name ?? r.id })),
  });
}
