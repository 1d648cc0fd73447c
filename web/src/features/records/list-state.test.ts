import type { CustomField } from '@voronka/contract';
import { describe, expect, it } from 'vitest';
import {
  customParams,
  defaultState,
  listParams,
  sameState,
  searchFromState,
  stateFromSearch,
  stateFromView,
  toggleSort,
  viewFromState,
  type ListSpec,
} from './list-state';

const spec: ListSpec = {
  filters: ['q', 'ownerId', 'tag'],
  sorts: ['name', 'updatedAt', 'createdAt'],
  columns: ['name', 'inn', 'owner', 'updatedAt'],
  defaults: { sort: 'updatedAt', order: 'desc', columns: ['name', 'inn', 'updatedAt'] },
};

const field = (key: string, type: CustomField['type']): Pick<CustomField, 'key' | 'type'> => ({
  key,
  type,
});
const fields = [
  field('segment', 'select'),
  field('budget', 'money'),
  field('since', 'date'),
  field('vip', 'boolean'),
  field('services', 'multiselect'),
];

describe('custom-field filters', () => {
  it('filter a number, money or date field by a range and the others by one value', () => {
    expect(customParams(field('budget', 'money'))).toEqual([
      'custom.budget.gte',
      'custom.budget.lte',
    ]);
    expect(customParams(field('since', 'date'))).toEqual(['custom.since.gte', 'custom.since.lte']);
    expect(customParams(field('segment', 'select'))).toEqual(['custom.segment']);
    expect(customParams(field('services', 'multiselect'))).toEqual(['custom.services']);
  });

  it('go to the API as custom.<key> parameters beside the list’s own, trimmed, unset ones left out', () => {
    const state = stateFromSearch(
      new URLSearchParams(
        'q=+Ромашка+&tag=&custom.segment=A&custom.budget.gte=100000&custom.vip=true&custom.services=монтаж',
      ),
      spec,
      fields,
    );
    expect(listParams(state)).toEqual({
      q: 'Ромашка',
      'custom.segment': 'A',
      'custom.budget.gte': '100000',
      'custom.vip': 'true',
      'custom.services': 'монтаж',
      sort: 'updatedAt',
      order: 'desc',
    });
  });

  it('drop a filter on a field that no longer exists, or a range on a field that has none', () => {
    const state = stateFromSearch(
      new URLSearchParams(
        'custom.deleted=x&custom.segment.gte=A&custom.since.lte=2026-01-31&stray=1',
      ),
      spec,
      fields,
    );
    expect(state.filters).toEqual({ 'custom.since.lte': '2026-01-31' });
  });
});

describe('the list address', () => {
  it('is plain for the default list and carries only what differs', () => {
    expect(searchFromState(defaultState(spec), spec).toString()).toBe('');
    const state = {
      ...defaultState(spec),
      filters: { ownerId: 'u1', q: '' },
      sort: 'name',
      order: 'asc' as const,
      columns: ['name', 'owner', 'custom.segment'],
    };
    const search = searchFromState(state, spec);
    expect(Object.fromEntries(search)).toEqual({
      ownerId: 'u1',
      sort: 'name',
      order: 'asc',
      columns: 'name,owner,custom.segment',
    });
    expect(stateFromSearch(search, spec, fields)).toEqual({ ...state, filters: { ownerId: 'u1' } });
  });

  it('falls back to the default sort and columns when the address names unknown ones', () => {
    const state = stateFromSearch(
      new URLSearchParams('sort=secret&order=sideways&columns=nope,custom.gone'),
      spec,
      fields,
    );
    expect(state).toEqual(defaultState(spec));
  });

  it('always shows the name column', () => {
    expect(stateFromSearch(new URLSearchParams('columns=inn'), spec, fields).columns).toEqual([
      'name',
      'inn',
    ]);
  });
});

describe('sorting by a header', () => {
  it('starts another column in its own order and flips the same one', () => {
    const byName = toggleSort(defaultState(spec), 'name', 'asc');
    expect([byName.sort, byName.order]).toEqual(['name', 'asc']);
    const flipped = toggleSort(byName, 'name', 'asc');
    expect([flipped.sort, flipped.order]).toEqual(['name', 'desc']);
  });
});

describe('saved views', () => {
  const state = {
    filters: { q: '', ownerId: 'u1', 'custom.budget.gte': '100000' },
    sort: 'name',
    order: 'asc' as const,
    columns: ['name', 'owner', 'custom.budget'],
  };

  it('store the set filters, the sort and the columns', () => {
    expect(viewFromState(state)).toEqual({
      ownerId: 'u1',
      'custom.budget.gte': '100000',
      sort: 'name',
      order: 'asc',
      columns: ['name', 'owner', 'custom.budget'],
    });
  });

  it('come back as the same list', () => {
    const back = stateFromView(viewFromState(state), spec, fields);
    expect(sameState(back, state)).toBe(true);
    expect(listParams(back)).toEqual(listParams(state));
  });

  it('read older views that stored only filters, and ignore what the list no longer knows', () => {
    const back = stateFromView(
      { tag: 'vip', 'custom.gone': 'x', columns: ['custom.gone'], sort: 'amount' },
      spec,
      fields,
    );
    expect(back).toEqual({ ...defaultState(spec), filters: { tag: 'vip' } });
  });

  it('is another view when a filter, the sort or a column differs', () => {
    const back = stateFromView(viewFromState(state), spec, fields);
    expect(sameState(back, { ...state, filters: { ...state.filters, tag: 'x' } })).toBe(false);
    expect(sameState(back, { ...state, order: 'desc' })).toBe(false);
    expect(sameState(back, { ...state, columns: ['name'] })).toBe(false);
  });
});
