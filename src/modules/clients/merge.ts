import { companyTextFields, type Company, type Contact, type MergeBody } from '@voronka/contract';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { getCompany } from './companies.js';
import { leadsPort } from './leads-port.js';
import { composeFullName, getContact } from './contacts.js';
import { recordsMerged } from './client-links.js';
import { companies, contactPoints, contacts } from './tables.js';

const contactFields = [
  'firstName',
  'lastName',
  'middleName',
  'position',
  'companyId',
  'birthday',
  'timezone',
  'ownerId',
  'consent',
  'custom',
] as const;
const companyFields = [...companyTextFields, 'timezone', 'ownerId', 'custom'] as const;

// Field by field: the choice given, else this record's value where it has one, else the other's.
// Tags are united; custom values are united with the chosen side winning.
export function chooseFields<K extends string>(
  keep: Record<string, unknown>,
  other: Record<string, unknown>,
  fields: readonly K[],
  choice: MergeBody['fields'],
) {
  const stray = Object.keys(choice).find((k) => !(fields as readonly string[]).includes(k));
  if (stray)
    throw new DomainError('request.invalid', `"${stray}" cannot be chosen in a merge`, {
      field: `fields.${stray}`,
    });
  const isEmpty = (v: unknown) => v === null || v === undefined || v === '';
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const pick = choice[f] ?? (isEmpty(keep[f]) ? 'other' : 'this');
    out[f] = pick === 'this' ? keep[f] : other[f];
  }
  const custom =
    choice.custom === 'other'
      ? { ...(keep.custom as object), ...(other.custom as object) }
      : { ...(other.custom as object), ...(keep.custom as object) };
  return {
    ...out,
    custom,
    tags: [...new Set([...(keep.tags as string[]), ...(other.tags as string[])])],
  };
}

function assertMergeable(ctx: Ctx, entity: 'contacts' | 'companies', id: string, otherId: string) {
  const code = entity === 'contacts' ? 'contact.merge_self' : 'company.merge_self';
  if (id === otherId)
    throw new DomainError(code, 'a record cannot be merged with itself', { field: 'otherId' });
  // The other record is deleted: merging needs the delete right as well as update.
  if (ctx.actor.permissions && !ctx.actor.permissions[entity].delete)
    throw new DomainError('auth.forbidden', `no right to delete ${entity}`);
}

const ws = (ctx: Ctx, col: Parameters<typeof eq>[0]) => eq(col, ctx.workspaceId);

// One transaction: every link of the other contact moves here, points are de-duplicated, the other
// is deleted, and the merge is written to the timeline and the audit trail.
export async function mergeContacts(ctx: Ctx, id: string, body: MergeBody): Promise<Contact> {
  const keep = await getContact(ctx, id);
  assertMergeable(ctx, 'contacts', id, body.otherId);
  const other = await getContact(ctx, body.otherId).catch(() => {
    throw new DomainError('contact.not_found', 'the other contact is not found', {
      field: 'otherId',
    });
  });
  // The stored company links, not the ones shown (a company the caller cannot see is shown as none).
  const companyOf = async (cid: string) =>
    (
      await ctx.tx
        .select({ companyId: contacts.companyId })
        .from(contacts)
        .where(and(ws(ctx, contacts.workspaceId), eq(contacts.id, cid)))
    )[0]?.companyId ?? null;
  // A consent known on either side is not lost to an "unknown" one; its record goes with it.
  const consentFrom =
    body.fields.consent ??
    (keep.consent === 'unknown' && other.consent !== 'unknown' ? 'other' : 'this');
  const merged = chooseFields(
    { ...keep, companyId: await companyOf(id) },
    { ...other, companyId: await companyOf(other.id) },
    contactFields,
    { ...body.fields, consent: consentFrom },
  );
  await ctx.tx
    .update(contacts)
    .set({
      ...(merged as Partial<typeof contacts.$inferInsert>),
      consentRecord: (consentFrom === 'this' ? keep : other).consentRecord,
      fullName: composeFullName(merged as Parameters<typeof composeFullName>[0]) || keep.fullName,
      updatedAt: sql`now()`,
    })
    .where(and(ws(ctx, contacts.workspaceId), eq(contacts.id, id)));
  // Points the survivor lacks move over; the rest go with the other contact (cascade).
  await ctx.tx.execute(sql`
    update ${contactPoints} p set contact_id = ${id}, position = p.position + 1000
    where p.workspace_id = ${ctx.workspaceId} and p.contact_id = ${other.id}
      and not exists (select 1 from ${contactPoints} k where k.workspace_id = p.workspace_id and k.contact_id = ${id} and k.kind = p.kind and k.value = p.value)`);
  // Deal links, tasks and the timeline (pipeline, activities: client-links.ts), then the leads.
  await recordsMerged(ctx, mergedRecord('contacts', keep, other));
  await leadsPort().relinkContact(ctx, other.id, id);
  await ctx.tx
    .delete(contacts)
    .where(and(ws(ctx, contacts.workspaceId), eq(contacts.id, other.id)));
  const after = await getContact(ctx, id, false);
  await recordAudit(ctx, {
    action: 'contact.merged',
    entity: 'contacts',
    entityId: id,
    before: { kept: keep, merged: other },
    after,
  });
  await recordAudit(ctx, {
    action: 'contact.deleted',
    entity: 'contacts',
    entityId: other.id,
    before: other,
    after: { mergedInto: id },
  });
  return after;
}

export async function mergeCompanies(ctx: Ctx, id: string, body: MergeBody): Promise<Company> {
  const keep = await getCompany(ctx, id);
  assertMergeable(ctx, 'companies', id, body.otherId);
  const other = await getCompany(ctx, body.otherId).catch(() => {
    throw new DomainError('company.not_found', 'the other company is not found', {
      field: 'otherId',
    });
  });
  const merged = chooseFields(keep, other, companyFields, body.fields);
  await ctx.tx
    .update(companies)
    .set({ ...(merged as Partial<typeof companies.$inferInsert>), updatedAt: sql`now()` })
    .where(and(ws(ctx, companies.workspaceId), eq(companies.id, id)));
  await ctx.tx
    .update(contacts)
    .set({ companyId: id })
    .where(and(ws(ctx, contacts.workspaceId), eq(contacts.companyId, other.id)));
  await recordsMerged(ctx, mergedRecord('companies', keep, other));
  await leadsPort().relinkCompany(ctx, other.id, id);
  await ctx.tx
    .delete(companies)
    .where(and(ws(ctx, companies.workspaceId), eq(companies.id, other.id)));
  const after = await getCompany(ctx, id, false);
  await recordAudit(ctx, {
    action: 'company.merged',
    entity: 'companies',
    entityId: id,
    before: { kept: keep, merged: other },
    after,
  });
  await recordAudit(ctx, {
    action: 'company.deleted',
    entity: 'companies',
    entityId: other.id,
    before: other,
    after: { mergedInto: id },
  });
  return after;
}

const mergedRecord = (
  entity: 'contacts' | 'companies',
  keep: { id: string },
  other: { id: string } & ({ name: string } | { fullName: string }),
) => ({
  entity,
  keptId: keep.id,
  mergedId: other.id,
  mergedName: 'name' in other ? other.name : other.fullName,
});
