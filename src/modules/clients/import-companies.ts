import { companyTextFields } from '@voronka/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { visibleTo } from '../workspaces/service.js';
import {
  fieldValues,
  RowErrors,
  splitTags,
  textArray,
  valuesList,
  type ChunkInput,
  type ChunkResult,
} from '../transfer/service.js';
import { requisiteProblems, websiteUrl } from './requisites.js';
import { companies } from './tables.js';

// One chunk of a company import: validate requisites by their check digits, find duplicates by INN
// in one query, then one multi-row INSERT and one multi-row UPDATE.

const textFields = companyTextFields;
type Draft = {
  row: number;
  values: Partial<Record<(typeof textFields)[number], string>>;
  tags: string[];
};
const column = {
  name: 'name',
  legalForm: 'legal_form',
  inn: 'inn',
  kpp: 'kpp',
  ogrn: 'ogrn',
  legalAddress: 'legal_address',
  postalAddress: 'postal_address',
  bankName: 'bank_name',
  bik: 'bik',
  corrAccount: 'corr_account',
  settlementAccount: 'settlement_account',
  website: 'website',
  industry: 'industry',
} as const;
const digitsOnly = new Set(['inn', 'kpp', 'ogrn', 'bik', 'corrAccount', 'settlementAccount']);

function draftOf(
  cells: string[],
  row: number,
  mapping: Record<string, string>,
  errors: RowErrors,
): Draft | null {
  const v = fieldValues(mapping, cells);
  const values: Draft['values'] = {};
  for (const f of textFields)
    if (v[f]) values[f] = digitsOnly.has(f) ? v[f].replace(/\s+/g, '') : v[f];
  if (!values.name) errors.add(row, 'name', 'required');
  for (const p of requisiteProblems(values)) errors.add(row, p.field, p.reason);
  if (values.website) {
    const checked = websiteUrl(values.website);
    if ('reason' in checked) errors.add(row, 'website', checked.reason);
    else values.website = checked.url;
  }
  return errors.has(row) ? null : { row, values, tags: splitTags(v.tags) };
}

export async function importCompanyRows(ctx: Ctx, input: ChunkInput): Promise<ChunkResult> {
  const errors = new RowErrors();
  const drafts = input.rows
    .map((cells, i) => draftOf(cells, input.firstRow + i, input.mapping, errors))
    .filter((d): d is Draft => d !== null);
  const inns = [...new Set(drafts.map((d) => d.values.inn).filter((x): x is string => Boolean(x)))];
  const scope = and(
    eq(companies.workspaceId, ctx.workspaceId),
    inArray(companies.inn, inns.length ? inns : ['']),
  );
  const existing =
    input.policy === 'create' || !inns.length
      ? []
      : await ctx.tx
          .select({
            id: companies.id,
            inn: companies.inn,
            visible: sql<boolean>`coalesce(${visibleTo(ctx, 'companies', companies.ownerId) ?? sql`true`}, false)`,
          })
          .from(companies)
          .where(scope);
  const byInn = new Map(existing.map((e) => [e.inn!, e]));
  const seen = new Set<string>();
  const inserts: Draft[] = [];
  const updates: { id: string; d: Draft }[] = [];
  let skipped = 0;
  for (const d of drafts) {
    const inn = d.values.inn;
    const dup = inn ? byInn.get(inn) : undefined;
    const repeated = inn !== undefined && seen.has(inn) && input.policy !== 'create';
    if (inn) seen.add(inn);
    if (repeated || (dup && input.policy === 'skip')) skipped++;
    else if (dup && !dup.visible)
      errors.add(d.row, 'inn', 'a company with this INN exists that you may not change');
    else if (dup) updates.push({ id: dup.id, d });
    else inserts.push(d);
  }
  if (inserts.length) {
    await ctx.tx.insert(companies).values(
      inserts.map((d) => ({
        workspaceId: ctx.workspaceId,
        id: newId(),
        name: d.values.name!,
        ...d.values,
        tags: d.tags,
        ownerId: ctx.actor.memberId,
      })),
    );
  }
  if (updates.length) await updateCompanies(ctx, updates);
  return { created: inserts.length, updated: updates.length, skipped, errors: errors.list };
}

// Empty cells keep what the company has; tags are added to its own.
async function updateCompanies(ctx: Ctx, updates: { id: string; d: Draft }[]) {
  const rows = updates.map(({ id, d }) => [
    sql`${id}::uuid`,
    ...textFields.map((f) => sql`${d.values[f] ?? null}::text`),
    textArray(d.tags),
  ]);
  const names = ['id', ...textFields.map((f) => column[f]), 'tags'].join(', ');
  const sets = textFields
    .map((f) => `${column[f]} = coalesce(v.${column[f]}, c.${column[f]})`)
    .join(', ');
  await ctx.tx.execute(sql`
    update companies c set ${sql.raw(sets)}, tags = array(select distinct unnest(c.tags || v.tags)), updated_at = now()
    from (values ${valuesList(rows)}) as v(${sql.raw(names)})
    where c.workspace_id = ${ctx.workspaceId} and c.id = v.id`);
}
