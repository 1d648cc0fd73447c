import { describe, expect, it } from 'vitest';
import { diffSnapshots } from './audit-diff';

describe('diffSnapshots', () => {
  it('lists only the fields that changed', () => {
    const rows = diffSnapshots(
      { name: 'Отдел', headId: null, size: 3 },
      { name: 'Отдел продаж', headId: null, size: 3 },
    );
    expect(rows).toEqual([{ key: 'name', before: 'Отдел', after: 'Отдел продаж' }]);
  });

  it('lists every field of a created record', () => {
    expect(diffSnapshots(null, { b: 1, a: 2 }).map((r) => r.key)).toEqual(['a', 'b']);
  });

  it('compares nested values by content', () => {
    expect(diffSnapshots({ p: { read: true } }, { p: { read: true } })).toEqual([]);
    expect(diffSnapshots({ p: { read: true } }, { p: { read: false } })).toHaveLength(1);
  });
});
