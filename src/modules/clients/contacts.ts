import {
  ContactListQuery,
  type Contact,
  type ContactCreateBody,
  type ContactListRequest,
  type ContactSaved,
  type ContactUpdateBody,
  type Page,
} from '@voronka/contract';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { listTextFilter } from '../../platform/db/text-search.js';
import * as workspaces from '../workspaces/service.js';
import './owned.js';
import { getCompany } from './companies.js';
import { assertOnlyCustomExtras, customFilter, validateCustom } from '../fields/service.js';
import {
  assertOwner,
  defined,
  keysetAfter,
  keysetOrder,
  likeEscape,
  sortKeyText,
  textOrNull,
  type SortSpec,
} from './listing.js';
import { normalizePhone } from './phones.js';
import { companies, contactPoints, contacts, type ContactConsentRecord } from './tables.js';

import {
  bodyPoints,
  contactDuplicates,
  phoneRegion,
  replacePoints,
  type PointKind,
} from './contact-points.js';
export { phoneRegion };

// "Фамилия Имя Отчество" for Cyrillic names (the Russian order of documents and address books),
// "First Middle Last" otherwise.
export function composeFullName(p: {
  firstName?: string | null;
  lastName?: string | null;
  middleName?: string | null;
}): string {
  const isCyrillic = /[а-яё]/i.test(`${p.lastName ?? ''}${p.firstName ?? ''}${p.middleName ?? ''}`);
  const parts = isCyrillic
    ? [p.lastName, p.firstName, p.middleName]
    : [p.firstName, p.middleName, p.lastName];
  return parts.filter((s): s is string => Boolean(s)).join(' ');
}

const contactColumns = {
  id: contacts.id,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  middleName: contacts.middleName,
  fullName: contacts.fullName,
  position: contacts.position,
  // The company joined only when the caller sees it: otherwise neither its id nor its name is shown.
  companyId: companies.id,
  companyName: companies.name,
  birthday: contacts.birthday,
  timezone: contacts.timezone,
  ownerId: contacts.ownerId,
  consent: contacts.consent,
  consentRecord: contacts.consentRecord,
  tags: contacts.tags,
  custom: contacts.custom,
  createdAt: contacts.createdAt,
  updatedAt: contacts.updatedAt,
};
type ContactRow = Omit<Contact, 'createdAt' | 'updatedAt' | 'phones' | 'emails' | 'messengers'> & {
  createdAt: Date;
  updatedAt: Date;
};

const baseSelect = (ctx: Ctx, sortKey: SQL<string>) =>
  ctx.tx
    .select({ ...contactColumns, sortKey })
    .from(contacts)
    .leftJoin(
      companies,
      and(
        eq(companies.workspaceId, contacts.workspaceId),
        eq(companies.id, contacts.companyId),
        workspaces.visibleTo(ctx, 'companies', companies.ownerId),
      ),
    );

// The points of many contacts in one query (no N+1), mapped onto each contact.
async function withPoints(ctx: Ctx, rows: ContactRow[]): Promise<Contact[]> {
  const ids = rows.map((r) => r.id);
  const points = ids.length
    ? await ctx.tx
        .select({
          contactId: contactPoints.contactId,
          kind: contactPoints.kind,
          value: contactPoints.value,
          label: contactPoints.label,
        })
        .from(contactPoints)
        .where(
          and(
            eq(contactPoints.workspaceId, ctx.workspaceId),
            inArray(contactPoints.contactId, ids),
          ),
        )
        .orderBy(asc(contactPoints.position))
    : [];
  return rows.map((r) => {
    const mine = points.filter((p) => p.contactId === r.id);
    const handle = (kind: PointKind) => mine.find((p) => p.kind === kind)?.value ?? null;
    return {
      ...r,
      phones: mine
        .filter((p) => p.kind === 'phone')
        .map((p) => ({ number: p.value, label: p.label })),
      emails: mine
        .filter((p) => p.kind === 'email')
        .map((p) => ({ address: p.value, label: p.label })),
      messengers: { telegram: handle('telegram'), vk: handle('vk'), whatsapp: handle('whatsapp') },
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

const sorts: Record<ContactListQuery['sort'], SortSpec> = {
  name: { column: contacts.fullName, kind: 'text' },
  updatedAt: { column: contacts.updatedAt, kind: 'timestamp' },
  createdAt: { column: contacts.createdAt, kind: 'timestamp' },
};

const hasPoint = (kind: PointKind, value: string) =>
  sql`exists (select 1 from ${contactPoints} where ${contactPoints.workspaceId} = ${contacts.workspaceId} and ${contactPoints.contactId} = ${contacts.id} and ${contactPoints.kind} = ${kind} and ${contactPoints.value} = ${value})`;

const knownParams = Object.keys(ContactListQuery.shape);

// The filter of the contacts list (query string or a saved view's query), as SQL: what the list,
// its count and a campaign's segment all select by.
async function contactFilter(ctx: Ctx, q: ContactListRequest): Promise<SQL | undefined> {
  assertOnlyCustomExtras(q, knownParams);
  const custom = await customFilter(ctx, 'contacts', contacts.custom, q);
  const phone = q.phone ? normalizePhone(q.phone, await phoneRegion(ctx), 'phone') : undefined;
  const like = q.q ? `%${likeEscape(q.q)}%` : undefined;
  const visible = workspaces.visibleTo(ctx, 'contacts', contacts.ownerId);
  const text = like
    ? await listTextFilter(
        ctx.tx,
        {
          table: contacts,
          id: contacts.id,
          workspace: eq(contacts.workspaceId, ctx.workspaceId),
          visible,
        },
        sql`(${contacts.fullName} ilike ${like} or ${contacts.search} @@ plainto_tsquery('russian', ${q.q}))`,
      )
    : undefined;
  return and(
    eq(contacts.workspaceId, ctx.workspaceId),
    visible,
    text,
    q.companyId ? eq(contacts.companyId, q.companyId) : undefined,
    q.ownerId ? eq(contacts.ownerId, q.ownerId) : undefined,
    q.tag ? sql`${contacts.tags} @> array[${q.tag}]::text[]` : undefined,
    phone ? hasPoint('phone', phone) : undefined,
    q.email ? hasPoint('email', q.email.toLowerCase()) : undefined,
    custom,
  );
}

export async function listContacts(ctx: Ctx, q: ContactListRequest): Promise<Page<Contact>> {
  const sort = sorts[q.sort ?? 'updatedAt'];
  const order = q.order ?? 'desc';
  const filter = await contactFilter(ctx, q);
  const rows = await baseSelect(ctx, sortKeyText(sort))
    .where(and(filter, keysetAfter(sort, contacts.id, order, q.cursor)))
    .orderBy(...keysetOrder(sort, contacts.id, order))
    .limit(q.limit + 1);
  const page = toPage(
    rows,
    q.limit,
    ({ sortKey: _, ...r }) => r,
    (r) => [r.sortKey, r.id],
  );
  return { items: await withPoints(ctx, page.items), nextCursor: page.nextCursor };
}

// How many contacts the list's filter selects (a segment's live count).
export async function countContacts(ctx: Ctx, q: ContactListRequest): Promise<number> {
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(await contactFilter(ctx, q));
  return Number(row?.n ?? 0);
}

// The contacts a filter selects, by id after `after`, with the first e-mail and the consent flag:
// a campaign walks its segment with this, a page at a time.
export async function contactsForMailing(
  ctx: Ctx,
  q: ContactListRequest,
  after: string | null,
  limit: number,
): Promise<{ id: string; email: string | null; consent: string }[]> {
  // Raw, fully qualified SQL: Drizzle renders columns of a single-table select unqualified, which
  // inside this subquery would bind to contact_points' own columns (and find no e-mail at all).
  const email = sql<
    string | null
  >`(select p.value from contact_points p where p.workspace_id = "contacts"."workspace_id" and p.contact_id = "contacts"."id" and p.kind = 'email' order by p.position limit 1)`;
  return ctx.tx
    .select({ id: contacts.id, email, consent: contacts.consent })
    .from(contacts)
    .where(and(await contactFilter(ctx, q), after ? sql`${contacts.id} > ${after}` : undefined))
    .orderBy(asc(contacts.id))
    .limit(limit);
}

export async function getContact(ctx: Ctx, id: string, scoped = true): Promise<Contact> {
  const [found] = await baseSelect(ctx, sql<string>`''`).where(
    and(
      eq(contacts.workspaceId, ctx.workspaceId),
      eq(contacts.id, id),
      scoped ? workspaces.ownedScope(ctx, 'contacts') : undefined,
    ),
  );
  if (!found) throw new DomainError('contact.not_found', 'contact not found');
  const { sortKey: _, ...row } = found;
  const [contact] = await withPoints(ctx, [row]);
  return contact!;
}

async function assertCompany(ctx: Ctx, companyId: string | null | undefined) {
  if (!companyId) return;
  await getCompany(ctx, companyId).catch(() => {
    throw new DomainError('company.not_found', 'company not found', { field: 'companyId' });
  });
}

function contactValues(body: ContactUpdateBody) {
  return defined({
    firstName: textOrNull(body.firstName),
    lastName: textOrNull(body.lastName),
    middleName: textOrNull(body.middleName),
    position: textOrNull(body.position),
    companyId: body.companyId,
    birthday: body.birthday,
    timezone: body.timezone,
    ownerId: body.ownerId,
    consent: body.consent,
    tags: body.tags ? [...new Set(body.tags)] : undefined,
  });
}

function fullNameOf(parts: Parameters<typeof composeFullName>[0]): string {
  const fullName = composeFullName(parts);
  if (!fullName)
    throw new DomainError('request.invalid', 'a contact needs a first or a last name', {
      field: 'firstName',
    });
  return fullName;
}

export async function createContact(ctx: Ctx, body: ContactCreateBody): Promise<ContactSaved> {
  const values = contactValues(body);
  const fullName = fullNameOf(values);
  const ownerId = body.ownerId === undefined ? ctx.actor.memberId : body.ownerId;
  await assertOwner(ctx, ownerId);
  await assertCompany(ctx, body.companyId);
  const points = await bodyPoints(ctx, body);
  const custom = await validateCustom(ctx, 'contacts', body.custom);
  const id = newId();
  await ctx.tx
    .insert(contacts)
    .values({ ...values, workspaceId: ctx.workspaceId, id, fullName, ownerId, custom });
  await replacePoints(ctx, id, points);
  const contact = await getContact(ctx, id, false);
  await recordAudit(ctx, {
    action: 'contact.created',
    entity: 'contacts',
    entityId: id,
    after: contact,
  });
  return { ...contact, duplicates: await contactDuplicates(ctx, id, [...points.values()].flat()) };
}

export async function updateContact(
  ctx: Ctx,
  id: string,
  body: ContactUpdateBody,
): Promise<ContactSaved> {
  const before = await getContact(ctx, id);
  const values = contactValues(body);
  const fullName = fullNameOf({ ...before, ...values });
  if (body.ownerId !== undefined) await assertOwner(ctx, body.ownerId);
  await assertCompany(ctx, body.companyId);
  const points = await bodyPoints(ctx, body);
  const custom =
    body.custom === undefined
      ? undefined
      : await validateCustom(ctx, 'contacts', body.custom, before.custom);
  await ctx.tx
    .update(contacts)
    // A consent set by hand replaces the record of how a form's consent was given.
    .set({
      ...values,
      ...defined({ custom }),
      ...(values.consent !== undefined && values.consent !== before.consent
        ? { consentRecord: null }
        : {}),
      fullName,
      updatedAt: sql`now()`,
    })
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, id)));
  await replacePoints(ctx, id, points);
  const after = await getContact(ctx, id, false);
  await recordAudit(ctx, {
    action: 'contact.updated',
    entity: 'contacts',
    entityId: id,
    before,
    after,
  });
  return { ...after, duplicates: await contactDuplicates(ctx, id, [...points.values()].flat()) };
}

// Points and deal links go with the contact (cascade); tasks and activities keep their history.
export async function deleteContact(ctx: Ctx, id: string): Promise<void> {
  const before = await getContact(ctx, id);
  await ctx.tx
    .delete(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, id)));
  await recordAudit(ctx, { action: 'contact.deleted', entity: 'contacts', entityId: id, before });
}

// A consent the client gave with a request (a website form's box): the contact's consent becomes
// `given`, with the text version, time and IP it was given with. A newer consent replaces an older
// one; an older one (a request converted late) does not replace a newer record.
export async function recordContactConsent(
  ctx: Ctx,
  id: string,
  record: ContactConsentRecord,
): Promise<void> {
  const [before] = await ctx.tx
    .select({ consent: contacts.consent, consentRecord: contacts.consentRecord })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, id)))
    .for('update');
  if (!before) return;
  if (before.consentRecord && before.consentRecord.at > record.at) return;
  if (
    before.consent === 'given' &&
    before.consentRecord?.at === record.at &&
    before.consentRecord.leadId === record.leadId
  )
    return;
  await ctx.tx
    .update(contacts)
    .set({ consent: 'given', consentRecord: record, updatedAt: sql`now()` })
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, id)));
  await recordAudit(ctx, {
    action: 'contact.consent_recorded',
    entity: 'contacts',
    entityId: id,
    before,
    after: { consent: 'given', consentRecord: record },
  });
}

// Whether a contact's consent flag is `given`, as an expression another module's query can carry
// (a campaign re-checks it before each batch: a withdrawal stops the next letter).
export function consentGivenSql(workspaceId: SQL | string, contactId: SQL | string): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${contacts} where ${contacts.workspaceId} = ${workspaceId} and ${contacts.id} = ${contactId} and ${contacts.consent} = 'given')`;
}
