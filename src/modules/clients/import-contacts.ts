import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { visibleTo } from '../workspaces/service.js';
import { composeFullName, phoneRegion } from './contacts.js';
import {
  fieldValues,
  RowErrors,
  splitTags,
  textArray,
  valuesList,
  type ChunkInput,
  type ChunkResult,
} from '../transfer/service.js';
import { toE164 } from './phones.js';
import { innProblem } from './requisites.js';
import { companies, contactPoints, contacts } from './tables.js';

// One chunk of a contact import: phones to E.164 (the workspace's region), e-mails lower-case,
// duplicates found in one query on contact_points, companies linked by INN or name (created when
// missing), then multi-row INSERTs and one multi-row UPDATE.

type Point = { kind: 'phone' | 'email' | 'telegram'; value: string };
type Draft = {
  row: number;
  firstName: string | null;
  lastName: string | null;
  middleName: string | null;
  fullName: string;
  position: string | null;
  birthday: string | null;
  points: Point[];
  companyName: string | null;
  companyInn: string | null;
  tags: string[];
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// 1985-03-08, 08.03.1985 or 8/3/1985 (day first, as written in Russia).
export function parseBirthday(v: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(v);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : dmy
      ? [dmy[3], dmy[2]!.padStart(2, '0'), dmy[1]!.padStart(2, '0')]
      : [];
  if (!y) return null;
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(`${y}-${m}-${d}`)
    ? `${y}-${m}-${d}`
    : null;
}

function draftOf(
  cells: string[],
  row: number,
  input: ChunkInput,
  region: Parameters<typeof toE164>[1],
  errors: RowErrors,
): Draft | null {
  const v = fieldValues(input.mapping, cells);
  const parts = {
    firstName: v.firstName ?? null,
    lastName: v.lastName ?? null,
    middleName: v.middleName ?? null,
  };
  const fullName = v.fullName ?? composeFullName(parts);
  if (!fullName) errors.add(row, 'fullName', 'required');
  const points: Point[] = [];
  for (const f of ['phone', 'phone2'] as const) {
    if (!v[f]) continue;
    const e164 = toE164(v[f], region);
    if (e164) points.push({ kind: 'phone', value: e164 });
    else errors.add(row, f, 'not a valid phone number');
  }
  for (const f of ['email', 'email2'] as const) {
    if (!v[f]) continue;
    if (EMAIL.test(v[f])) points.push({ kind: 'email', value: v[f].toLowerCase() });
    else errors.add(row, f, 'not a valid e-mail address');
  }
  if (v.telegram) points.push({ kind: 'telegram', value: v.telegram.replace(/^@/, '') });
  const birthday = v.birthday ? parseBirthday(v.birthday) : null;
  if (v.birthday && !birthday)
    errors.add(row, 'birthday', 'not a date (expected YYYY-MM-DD or DD.MM.YYYY)');
  const companyInn = v.companyInn?.replace(/\s+/g, '') ?? null;
  const innReason = companyInn ? innProblem(companyInn) : null;
  if (innReason) errors.add(row, 'companyInn', innReason);
  if (errors.has(row)) return null;
  return {
    row,
    ...parts,
    fullName,
    position: v.position ?? null,
    birthday,
    points,
    companyName: v.companyName ?? null,
    companyInn,
    tags: splitTags(v.tags),
  };
}

// Company ids for the chunk's company columns: existing ones by INN or by name (case-insensitive),
// the rest created by name in one statement.
async function resolveCompanies(ctx: Ctx, drafts: Draft[]): Promise<(d: Draft) => string | null> {
  const inns = [...new Set(drafts.map((d) => d.companyInn).filter((x): x is string => Boolean(x)))];
  const names = [
    ...new Set(
      drafts.map((d) => d.companyName?.toLowerCase()).filter((x): x is string => Boolean(x)),
    ),
  ];
  if (!inns.length && !names.length) return () => null;
  const found = await ctx.tx
    .select({ id: companies.id, inn: companies.inn, name: sql<string>`lower(${companies.name})` })
    .from(companies)
    .where(
      and(
        eq(companies.workspaceId, ctx.workspaceId),
        or(
          inns.length ? inArray(companies.inn, inns) : undefined,
          names.length ? inArray(sql`lower(${companies.name})`, names) : undefined,
        ),
      ),
    );
  const byInn = new Map(found.filter((c) => c.inn).map((c) => [c.inn!, c.id]));
  const byName = new Map(found.map((c) => [c.name, c.id]));
  const lookup = (d: Draft) =>
    (d.companyInn ? byInn.get(d.companyInn) : undefined) ??
    (d.companyName ? byName.get(d.companyName.toLowerCase()) : undefined) ??
    null;
  const missing = new Map<string, { name: string; inn: string | null }>();
  for (const d of drafts)
    if (!lookup(d) && d.companyName && !missing.has(d.companyName.toLowerCase()))
      missing.set(d.companyName.toLowerCase(), { name: d.companyName, inn: d.companyInn });
  if (missing.size) {
    const created = [...missing.entries()].map(([key, c]) => ({ key, id: newId(), ...c }));
    await ctx.tx.insert(companies).values(
      created.map((c) => ({
        workspaceId: ctx.workspaceId,
        id: c.id,
        name: c.name,
        inn: c.inn,
        ownerId: ctx.actor.memberId,
      })),
    );
    for (const c of created) byName.set(c.key, c.id);
  }
  return lookup;
}

export async function importContactRows(ctx: Ctx, input: ChunkInput): Promise<ChunkResult> {
  const errors = new RowErrors();
  const region = await phoneRegion(ctx);
  const drafts = input.rows
    .map((cells, i) => draftOf(cells, input.firstRow + i, input, region, errors))
    .filter((d): d is Draft => d !== null);
  const keyed = drafts.flatMap((d) => d.points.filter((p) => p.kind !== 'telegram'));
  const values = [...new Set(keyed.map((p) => p.value))];
  const dupRows =
    input.policy === 'create' || !values.length
      ? []
      : await ctx.tx
          .select({
            contactId: contactPoints.contactId,
            value: contactPoints.value,
            visible: sql<boolean>`exists (select 1 from ${contacts} where ${contacts.workspaceId} = ${ctx.workspaceId} and ${contacts.id} = ${contactPoints.contactId} and ${visibleTo(ctx, 'contacts', contacts.ownerId) ?? sql`true`})`,
          })
          .from(contactPoints)
          .where(
            and(
              eq(contactPoints.workspaceId, ctx.workspaceId),
              inArray(contactPoints.kind, ['phone', 'email']),
              inArray(contactPoints.value, values),
            ),
          );
  const dupOf = new Map(dupRows.map((r) => [r.value, r]));
  const companyOf = await resolveCompanies(ctx, drafts);
  const seen = new Set<string>();
  const inserts: (Draft & { id: string })[] = [];
  const updates: (Draft & { id: string })[] = [];
  let skipped = 0;
  for (const d of drafts) {
    const keys = d.points.filter((p) => p.kind !== 'telegram').map((p) => p.value);
    const dup = keys.map((k) => dupOf.get(k)).find(Boolean);
    const repeated = input.policy !== 'create' && keys.some((k) => seen.has(k));
    keys.forEach((k) => seen.add(k));
    if (repeated || (dup && input.policy === 'skip')) skipped++;
    else if (dup && !dup.visible)
      errors.add(
        d.row,
        d.points[0]!.kind,
        'a contact with this phone or e-mail exists that you may not change',
      );
    else if (dup) updates.push({ ...d, id: dup.contactId });
    else inserts.push({ ...d, id: newId() });
  }
  await insertContacts(ctx, inserts, companyOf);
  await updateContacts(ctx, updates, companyOf);
  return { created: inserts.length, updated: updates.length, skipped, errors: errors.list };
}

async function insertContacts(
  ctx: Ctx,
  rows: (Draft & { id: string })[],
  companyOf: (d: Draft) => string | null,
) {
  if (!rows.length) return;
  const ws = ctx.workspaceId;
  await ctx.tx.insert(contacts).values(
    rows.map((d) => ({
      workspaceId: ws,
      id: d.id,
      firstName: d.firstName,
      lastName: d.lastName,
      middleName: d.middleName,
      fullName: d.fullName,
      position: d.position,
      birthday: d.birthday,
      companyId: companyOf(d),
      tags: d.tags,
      ownerId: ctx.actor.memberId,
    })),
  );
  const points = rows.flatMap((d) =>
    d.points.map((p, i) => ({
      workspaceId: ws,
      id: newId(),
      contactId: d.id,
      kind: p.kind,
      value: p.value,
      position: i,
    })),
  );
  if (points.length) await ctx.tx.insert(contactPoints).values(points);
}

// Empty cells keep what the contact has; new phones and e-mails are added, tags merged.
async function updateContacts(
  ctx: Ctx,
  rows: (Draft & { id: string })[],
  companyOf: (d: Draft) => string | null,
) {
  if (!rows.length) return;
  const t = (v: string | null) => sql`${v}::text`;
  const list = rows.map((d) => [
    sql`${d.id}::uuid`,
    t(d.firstName),
    t(d.lastName),
    t(d.middleName),
    t(d.fullName),
    t(d.position),
    sql`${d.birthday}::date`,
    sql`${companyOf(d)}::uuid`,
    textArray(d.tags),
  ]);
  await ctx.tx.execute(sql`
    update contacts c set first_name = coalesce(v.first_name, c.first_name), last_name = coalesce(v.last_name, c.last_name),
      middle_name = coalesce(v.middle_name, c.middle_name), full_name = coalesce(v.full_name, c.full_name), position = coalesce(v.position, c.position),
      birthday = coalesce(v.birthday, c.birthday), company_id = coalesce(v.company_id, c.company_id),
      tags = array(select distinct unnest(c.tags || v.tags)), updated_at = now()
    from (values ${valuesList(list)}) as v(id, first_name, last_name, middle_name, full_name, position, birthday, company_id, tags)
    where c.workspace_id = ${ctx.workspaceId} and c.id = v.id`);
  const points = rows.flatMap((d) =>
    d.points.map((p) => [sql`${newId()}::uuid`, sql`${d.id}::uuid`, t(p.kind), t(p.value)]),
  );
  if (!points.length) return;
  await ctx.tx.execute(sql`
    insert into contact_points (workspace_id, id, contact_id, kind, value, position)
    select ${ctx.workspaceId}, v.id, v.contact_id, v.kind, v.value, 100 from (values ${valuesList(points)}) as v(id, contact_id, kind, value)
    where not exists (select 1 from contact_points p where p.workspace_id = ${ctx.workspaceId} and p.contact_id = v.contact_id and p.kind = v.kind and p.value = v.value)`);
}
