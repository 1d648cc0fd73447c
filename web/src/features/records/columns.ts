import type { ReactNode } from 'react';
import type { SortOrder } from './list-state';

// A column of a record list. `sort` names the API's sort key when the column sorts, and the
// order a first click asks for (names A→Z, dates and amounts newest/largest first).
export type ListColumn<T> = {
  id: string;
  label: string;
  render: (row: T) => ReactNode;
  sort?: { key: string; first: SortOrder };
  align?: 'right';
  nowrap?: boolean;
};

// The first column: the record's name, a link to its card in the table and the title of its card
// on a phone; `extra` adds small things under or beside it (tags, position).
export type PrimaryColumn<T> = {
  id: string;
  label: string;
  title: (row: T) => string;
  extra?: (row: T) => ReactNode;
  sort?: { key: string; first: SortOrder };
};
