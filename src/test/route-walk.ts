import {
  isPublicOperation,
  sampleValue,
  withPathParams,
  type Browser,
  type Operation,
  type Response,
} from './client.js';

// The walk over every guarded operation of the OpenAPI document that the cross-cutting suites share:
// workspace isolation (test/api/isolation.test.ts: A against B's records) and record visibility
// (test/api/rights.test.ts: an own-visibility manager against a colleague's). Each operation is
// called with its {id} naming the other side's record, its query filters and body references
// pointing at the other side's records, and, for a route on a record that also takes references in
// its body, once more on the caller's own record with those references. A new route is walked
// without anyone remembering to add it.

// byId: the path names the other side's record; mine: the caller's own record, with the other
// side's references in the body.
export type WalkStep = {
  op: Operation;
  label: string;
  url: string;
  byId: boolean;
  mine: boolean;
  res: Response;
};

// Which record a path's {id} names, by resource (`/deals/{id}` → ids.deals); other path parameters
// by name. An {id} of a resource the map does not know fails the walk: a new route must be placed.
export function pathFor(
  op: Operation,
  ids: Record<string, string>,
  params: Record<string, string> = {},
): string {
  const resource = Object.keys(ids).find((r) => op.path.includes(`/${r}/{id}`));
  if (op.path.includes('{id}') && !resource)
    throw new Error(`the route walk does not know which record {id} names in ${op.path}`);
  return withPathParams(op.path, { ...(resource ? { id: ids[resource]! } : {}), ...params });
}

// The operation's query parameters that have a value here, as a query string.
export function queryFor(op: Operation, values: Record<string, string>): string {
  const q = op.params
    .filter((p) => p.in === 'query' && p.name in values)
    .map((p) => `${p.name}=${encodeURIComponent(values[p.name]!)}`);
  return q.length ? `?${q.join('&')}` : '';
}

export const bodyFor = (op: Operation, known: Record<string, unknown>) =>
  op.body ? sampleValue(op.body, known) : undefined;

const hasUuidInBody = (op: Operation) =>
  Object.values(op.body?.properties ?? {}).some((p) => p.format === 'uuid');
// Sign-out ends the caller's session, so it goes last.
const ordered = (ops: Operation[]) => [
  ...ops.filter((o) => !o.path.endsWith('/sign-out')),
  ...ops.filter((o) => o.path.endsWith('/sign-out')),
];

export async function walkRoutes(
  operations: Operation[],
  caller: Pick<Browser, 'call'>,
  w: {
    theirs: Record<string, string>;
    mine: Record<string, string>;
    params?: { theirs: Record<string, string>; mine: Record<string, string> };
    query: Record<string, string>;
    known: () => Record<string, unknown>;
    check(step: WalkStep): Promise<void> | void;
    tag?: string;
  },
): Promise<string[]> {
  const exercised: string[] = [];
  for (const op of ordered(operations.filter((o) => !isPublicOperation(o)))) {
    const variants = [
      {
        url: pathFor(op, w.theirs, w.params?.theirs) + queryFor(op, w.query),
        byId: op.path.includes('{id}'),
        mine: false,
      },
    ];
    if (op.path.includes('{id}') && hasUuidInBody(op))
      variants.push({ url: pathFor(op, w.mine, w.params?.mine), byId: false, mine: true });
    for (const v of variants) {
      const label = `${op.method} ${v.url}${w.tag ? ` (${w.tag})` : ''}`;
      const res = await caller.call(op.method, v.url, bodyFor(op, w.known()));
      await w.check({ op, label, url: v.url, byId: v.byId, mine: v.mine, res });
    }
    exercised.push(`${op.method} ${op.path}`);
  }
  return exercised;
}
