import type { PrivacyErasure } from '@voronka/contract';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  catalog,
  findRows,
  ident,
  likeOf,
  personOf,
  textOf,
  type Column,
  type Root,
  type Table,
} from './person-data.js';
import { getRequest, loadRequest, assertOpen } from './requests.js';
import { consentEvents, privacyRequests } from './tables.js';

export const ERASED = '[удалено]';
export const ERASED_NAME = 'Удалённый контакт';

// Kept by other law: issued documents and the payments against them are accounting records
// (402-FZ art. 29: five years), so they keep the client's name and requisites as issued.
export const KEPT_TABLES = [
  'documents',
  'document_sends',
  'document_renditions',
  'document_exports',
  'payments',
  'payment_allocations',
  'bank_statements',
  'bank_statement_lines',
];

// Free-text and identifying columns of the person's own rows, emptied whatever they say.
const FREE_TEXT =
  /^(text|html|message|body|description|subject|note|comment|first_name|last_name|middle_name|position|client_name|client_address|contact_name|contact_phone|contact_email|ip|user_agent|page_url|referrer|birthday|title|company_name)$/;
// Rows that are nothing but the person's data: deleted, not blanked.
const DELETED_ROWS = new Set(['contact_points', 'files']);

const regexOf = (n: string) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function scrub(c: Column, needles: string[]): ReturnType<typeof sql> {
  const pattern = needles.map(regexOf).join('|');
  if (c.type === 'text') return sql`regexp_replace(${ident(c.name)}, ${pattern}, ${ERASED}, 'gi')`;
  if (c.type === 'jsonb')
    return sql`regexp_replace(${ident(c.name)}::text, ${pattern}, ${ERASED}, 'gi')::jsonb`;
  return sql`array(select regexp_replace(x, ${pattern}, ${ERASED}, 'gi') from unnest(${ident(c.name)}) x)`;
}

// Anonymisation of one person, in the caller's transaction: irreversible, so it is all or nothing.
// 1. The person's own rows (found through the catalog): free text and identifying columns emptied,
//    contact points and files deleted, the contact renamed "Удалённый контакт".
// 2. Every other row of every table that still names one of the identifiers (a colleague's note,
//    the audit trail's before/after, a job's payload): the identifier replaced by "[удалено]".
// Tables kept by law are left as they are. Generated search vectors follow their columns.
export async function eraseRequest(ctx: Ctx, id: string, confirm: string): Promise<PrivacyErasure> {
  const r = await loadRequest(ctx, id, true);
  if (r.kind !== 'erasure')
    throw new DomainError('privacy_request.state', 'only an erasure request erases', {
      field: 'id',
    });
  assertOpen(r);
  if (r.erasedAt)
    throw new DomainError('privacy_request.state', 'the person was already erased', {
      field: 'id',
    });
  const person = await personOf(ctx, r.contactId);
  if (confirm.trim().toLowerCase() !== person.fullName.trim().toLowerCase())
    throw new DomainError(
      'privacy_request.confirmation',
      'type the person’s name as the card shows it to confirm',
      { field: 'confirm' },
    );
  const changed = await anonymise(ctx, { root: r.contactId, needles: person.needles });
  await ctx.tx.insert(consentEvents).values({
    workspaceId: ctx.workspaceId,
    id: newId(),
    contactId: r.contactId,
    kind: 'withdrawn',
    purpose: 'processing',
    source: 'manual',
    at: new Date(),
    memberId: ctx.actor.memberId,
  });
  await ctx.tx
    .update(privacyRequests)
    .set({ erasedAt: new Date(), exportContent: null })
    .where(and(eq(privacyRequests.workspaceId, ctx.workspaceId), eq(privacyRequests.id, id)));
  // The audit row names the request and counts, never what was erased.
  await recordAudit(ctx, {
    action: 'privacy.erased',
    entity: 'privacy',
    entityId: id,
    after: { contactId: r.contactId, changed, kept: KEPT_TABLES },
  });
  return { request: await getRequest(ctx, id), changed, kept: KEPT_TABLES };
}

// The one anonymisation, of a contact (an erasure request, a retention rule over contacts), a
// request or a conversation (retention rules): the root's own rows and those naming it emptied or
// deleted, then the identifiers scrubbed from every other row. Tables kept by law are left as they
// are. Returns the rows changed per table; runs in the caller's transaction.
export async function anonymise(ctx: Ctx, target: Root): Promise<Record<string, number>> {
  const tables = (await catalog(ctx)).filter((t) => !KEPT_TABLES.includes(t.name));
  const found = await findRows(ctx, target, tables);
  const changed: Record<string, number> = {};
  const count = (t: string, n: number) => {
    if (n) changed[t] = (changed[t] ?? 0) + n;
  };
  for (const f of found) {
    const t = tables.find((x) => x.name === f.table)!;
    if (!t.hasId) continue;
    const ids = sql.join(
      f.rows.map((row) => sql`${String(row.id)}::uuid`),
      sql`, `,
    );
    const where = sql`workspace_id = ${ctx.workspaceId} and id in (${ids})`;
    if (DELETED_ROWS.has(t.name)) {
      const res = await ctx.tx.execute(sql`delete from ${ident(t.name)} where ${where}`);
      count(t.name, affected(res, f.rows.length));
      continue;
    }
    const sets = setsOf(t);
    if (!sets.length) continue;
    const res = await ctx.tx.execute(
      sql`update ${ident(t.name)} set ${sql.join(sets, sql`, `)} where ${where}`,
    );
    count(t.name, affected(res, f.rows.length));
  }
  if (target.needles.length)
    for (const t of tables) count(t.name, await scrubTable(ctx, t, target.needles));
  return changed;
}

function setsOf(t: Table) {
  const sets = t.columns
    .filter((c) => c.type !== 'uuid' && FREE_TEXT.test(c.name))
    .map((c) => sql`${ident(c.name)} = ${c.nullable ? null : ERASED}`);
  if (t.name === 'contacts') {
    sets.push(
      sql`"full_name" = ${ERASED_NAME}`,
      sql`"custom" = '{}'::jsonb`,
      sql`"tags" = '{}'::text[]`,
      sql`"consent" = 'withdrawn'`,
      sql`"consent_record" = null`,
      sql`"birthday" = null`,
      sql`"timezone" = null`,
    );
  }
  if (t.name === 'leads') sets.push(sql`"custom" = '{}'::jsonb`, sql`"utm" = '{}'::jsonb`);
  if (t.name === 'messages')
    sets.push(sql`"sender" = '{}'::jsonb`, sql`"attachments" = '[]'::jsonb`);
  return sets;
}

async function scrubTable(ctx: Ctx, t: Table, needles: string[]): Promise<number> {
  const cols = t.columns.filter((c) => c.type !== 'uuid');
  if (!cols.length) return 0;
  let n = 0;
  for (const c of cols) {
    const like = sql.join(
      needles.map((x) => sql`${textOf(c)} ilike ${likeOf(x)}`),
      sql` or `,
    );
    const res = await ctx.tx.execute(
      sql`update ${ident(t.name)} set ${ident(c.name)} = ${scrub(c, needles)}
          where workspace_id = ${ctx.workspaceId} and (${like})`,
    );
    n += affected(res, 0);
  }
  return n;
}

// Rows a statement changed (node-postgres says rowCount, PGlite affectedRows).
const affected = (res: unknown, fallback: number) => {
  const r = res as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? fallback;
};
