import type { CustomEntity, CustomField, Page } from '@voronka/contract';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../lib/api';
import { useCustomFields } from '../custom-fields';
import {
  listParams,
  searchFromState,
  stateFromSearch,
  type ListSpec,
  type ListState,
} from './list-state';

const NO_FIELDS: CustomField[] = [];

// The list's state, mirrored into the page address: "back" from a card returns to the same
// filtered list, and a link to it shows the same rows. The state is the query string written
// last, read with the custom-field definitions (so a `custom.` filter in the address counts from
// the first request once they are known); the address itself changes a moment later.
export function useListState(entity: CustomEntity, spec: ListSpec) {
  const [search, setSearch] = useSearchParams();
  const customFields = useCustomFields(entity);
  const fields = customFields.data ?? NO_FIELDS;
  const key = search.toString();
  const [written, setWritten] = useState(key);
  const lastWritten = useRef(key);
  // The address changed by itself (back, forward, a link): take it.
  useEffect(() => {
    if (key === lastWritten.current) return;
    lastWritten.current = key;
    setWritten(key);
  }, [key]);
  const state = useMemo(
    () => stateFromSearch(new URLSearchParams(written), spec, fields),
    [written, spec, fields],
  );
  const setState = useCallback(
    (next: ListState) => {
      const text = searchFromState(next, spec).toString();
      lastWritten.current = text;
      setWritten(text);
      setSearch(text, { replace: true });
    },
    [setSearch, spec],
  );
  // The list waits for the definitions, so that a custom filter in the address is not dropped.
  const ready = !customFields.isPending;
  return { state, setState, fields, ready };
}

// The API parameters; typed filters settle in their inputs first (FilterInputs), so every change
// here is one the user meant.
export function useListParams(state: ListState): Record<string, string> {
  const key = JSON.stringify(listParams(state));
  return useMemo(() => JSON.parse(key) as Record<string, string>, [key]);
}

// Keyset pages of one list, 50 at a time; the key starts with the entity so that any change to
// its records (create, update, delete, merge) refreshes the list.
export function useRecordList<T>(
  entity: 'companies' | 'contacts' | 'deals',
  params: Record<string, string>,
  enabled = true,
) {
  return useInfiniteQuery({
    enabled,
    queryKey: [entity, 'list', params],
    queryFn: ({ pageParam }) =>
      api.get(`/${entity}`, {
        query: { limit: 50, cursor: pageParam, ...params },
      }) as Promise<Page<T>>,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Another filter or sort keeps the rows in place (dimmed) until the new ones come.
    placeholderData: keepPreviousData,
  });
}
