import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { registerOwned, requireVisible, visibleTo } from '../workspaces/service.js';
import { companies, contactPoints, contacts } from './tables.js';

// The clients under the one visibility rule (workspaces/visibility.ts): each by its owner.
registerOwned('companies', {
  table: companies,
  id: companies.id,
  workspaceId: companies.workspaceId,
  scope: (ctx) => visibleTo(ctx, 'companies', companies.ownerId),
  notFound: 'company.not_found',
  what: 'company',
});
registerOwned('contacts', {
  table: contacts,
  id: contacts.id,
  workspaceId: contacts.workspaceId,
  scope: (ctx) => visibleTo(ctx, 'contacts', contacts.ownerId),
  notFound: 'contact.not_found',
  what: 'contact',
});

// Linking to a record requires seeing it: one the caller cannot see answers exactly as a missing
// one (404 naming the field), so a link neither attaches to it nor tells that it exists.
export async function assertCompany(ctx: Ctx, id: string | null | undefined, field = 'companyId') {
  if (id) await requireVisible(ctx, 'companies', id, field);
}

export async function assertContacts(ctx: Ctx, ids: string[], field = 'contactIds') {
  for (const id of new Set(ids)) await requireVisible(ctx, 'contacts', id, field);
}

// The stored company link of a contact (the contact as shown hides a company the caller cannot see).
export async function companyOfContact(ctx: Ctx, contactId: string): Promise<string | null> {
  const [c] = await ctx.tx
    .select({ companyId: contacts.companyId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, contactId)));
  return c?.companyId ?? null;
}

// The ids of a company's contacts, as a subquery (a company's timeline includes theirs).
export const contactIdsOfCompanySql = (ctx: Ctx, companyId: string) =>
  sql`select ${contacts.id} from ${contacts} where ${contacts.workspaceId} = ${ctx.workspaceId} and ${contacts.companyId} = ${companyId}`;

// The e-mail addresses of a company's contacts, oldest contact and first point first (where a
// letter to the client goes: money's dunning reminders).
export async function companyEmails(ctx: Ctx, companyId: string): Promise<string[]> {
  const rows = await ctx.tx
    .select({ value: contactPoints.value })
    .from(contactPoints)
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, contactPoints.workspaceId),
        eq(contacts.id, contactPoints.contactId),
      ),
    )
    .where(
      and(
        eq(contactPoints.workspaceId, ctx.workspaceId),
        eq(contactPoints.kind, 'email'),
        eq(contacts.companyId, companyId),
      ),
    )
    .orderBy(contacts.createdAt, contacts.id, contactPoints.position);
  return [...new Set(rows.map((r) => r.value))];
}
