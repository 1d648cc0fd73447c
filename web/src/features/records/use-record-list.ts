import type { CustomEntity, CustomField, Page } from '@voronka/contract';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { useCustomFields } from '../custom-fields/use-custom-fields';
import { listParams, searchFromState, stateFromSearch, type ListSpec, type ListState } from './list-state';

const NO_FIELDS: CustomField[] = [];

// The list's state, mirrored into the page address: "back" from a card returns to the same
// filtered list, and a link to it shows the same rows. The inputs read the state held here, not
// the address, which changes a moment later and would drop letters typed meanwhile.
export function useListState(entity: CustomEntity, spec: ListSpec) {
  const [search, setSearch] = useSearchParams();
  const customFields = useCustomFields(entity);
  const fields = customFields.data ?? NO_FIELDS;
  const key = search.toString();
  const [state, setLocal] = useState<ListState>(() => stateFromSearch(search, spec, fields));
  const written = useRef(key);
  // The address changed by itself (back, forward, a link): read it again.
  useEffect(() => {
    if (key === written.current) return;
    written.current = key;
    setLocal(stateFromSearch(new URLSearchParams(key), spec, fields));
  }, [key, spec, fields]);
  // The custom fields arrived: the address may name some of them.
  useEffect(() => setLocal(stateFromSearch(new URLSearchParams(written.current), spec, fields)), [spec, fields]);
  const setState = useCallback(
    (next: ListState) => {
      setLocal(next);
      written.current = searchFromState(next, spec).toString();
      setSearch(written.current, { replace: true });
    },
    [setSearch, spec],
  );
  // The list waits for the definitions, so that a custom filter in the address is not dropped.
  const ready = !customFields.isPending;
  return { state, setState, fields, ready };
}

// The API parameters, settled for 300 ms so that typing does not send a request per letter.
export function useListParams(state: ListState): Record<string, string> {
  const [settled] = useDebouncedValue(JSON.stringify(listParams(state)), 300);
  return useMemo(() => JSON.parse(settled) as Record<string, string>, [settled]);
}

// Keyset pages of one list, 50 at a time; the key starts with the entity so that any change to
// its records (create, update, delete, merge) refreshes the list.
export function useRecordList<T>(entity: string, params: Record<string, string>, enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: [entity, 'list', params],
    queryFn: ({ pageParam }) => api.get<Page<T>>(`/${entity}`, { limit: 50, cursor: pageParam, ...params }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
