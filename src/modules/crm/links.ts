import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { requireVisible } from '../workspaces/service.js';
import './owned.js';
import { contacts, deals } from './tables.js';

export type SubjectLinks = {
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
  leadId?: string | null;
};

// Linking to a record requires seeing it: one the caller cannot see answers exactly as a missing
// one (404 naming the field), so a link neither attaches to it nor tells that it exists.
export async function assertCompany(ctx: Ctx, id: string | null | undefined, field = 'companyId') {
  if (id) await requireVisible(ctx, 'companies', id, field);
}

export async function assertContacts(ctx: Ctx, ids: string[], field = 'contactIds') {
  for (const id of new Set(ids)) await requireVisible(ctx, 'contacts', id, field);
}

// Checks every link is a record the caller sees and completes the company from the deal or
// contact (shown to the caller only if they see that company too), so the activity or task shows on the
// company's timeline.
export async function assertSubjectLinks(ctx: Ctx, l: SubjectLinks): Promise<SubjectLinks> {
  await assertContacts(ctx, l.contactId ? [l.contactId] : [], 'contactId');
  await assertCompany(ctx, l.companyId);
  if (l.leadId) await requireVisible(ctx, 'leads', l.leadId, 'leadId');
  if (l.dealId) await requireVisible(ctx, 'deals', l.dealId, 'dealId');
  let companyId = l.companyId ?? null;
  if (l.dealId && !companyId) {
    const [deal] = await ctx.tx
      .select({ companyId: deals.companyId })
      .from(deals)
      .where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.id, l.dealId)));
    companyId = deal?.companyId ?? null;
  }
  if (l.contactId && !companyId) {
    const [c] = await ctx.tx
      .select({ companyId: contacts.companyId })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, l.contactId)));
    companyId = c?.companyId ?? null;
  }
  return {
    contactId: l.contactId ?? null,
    companyId,
    dealId: l.dealId ?? null,
    leadId: l.leadId ?? null,
  };
}
