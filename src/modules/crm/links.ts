import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { leadsPort } from './leads-port.js';
import { companies, contacts, deals } from './tables.js';

export type SubjectLinks = { contactId?: string | null; companyId?: string | null; dealId?: string | null; leadId?: string | null };

export async function assertCompany(ctx: Ctx, id: string | null | undefined, field = 'companyId') {
  if (!id) return;
  const [row] = await ctx.tx.select({ id: companies.id }).from(companies).where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, id)));
  if (!row) throw new DomainError('company.not_found', 'company not found', { field });
}

export async function assertContacts(ctx: Ctx, ids: string[], field = 'contactIds') {
  if (!ids.length) return;
  const rows = await ctx.tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, ids)));
  if (rows.length !== new Set(ids).size) throw new DomainError('contact.not_found', 'contact not found', { field });
}

// Leads belong to the leads module: asked through the port the app wires in.
async function assertLead(ctx: Ctx, id: string | null | undefined) {
  if (!id) return;
  if (!(await leadsPort().leadExists(ctx, id))) throw new DomainError('resource.not_found', 'lead not found', { field: 'leadId' });
}

// Checks every link exists in this workspace and completes the company from the deal or contact,
// so the activity or task shows on the company's timeline too.
export async function assertSubjectLinks(ctx: Ctx, l: SubjectLinks): Promise<SubjectLinks> {
  await assertContacts(ctx, l.contactId ? [l.contactId] : [], 'contactId');
  await assertCompany(ctx, l.companyId);
  await assertLead(ctx, l.leadId);
  let companyId = l.companyId ?? null;
  if (l.dealId) {
    const [deal] = await ctx.tx.select({ companyId: deals.companyId }).from(deals).where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.id, l.dealId)));
    if (!deal) throw new DomainError('deal.not_found', 'deal not found', { field: 'dealId' });
    companyId ??= deal.companyId;
  }
  if (l.contactId && !companyId) {
    const [c] = await ctx.tx.select({ companyId: contacts.companyId }).from(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, l.contactId)));
    companyId = c?.companyId ?? null;
  }
  return { contactId: l.contactId ?? null, companyId, dealId: l.dealId ?? null, leadId: l.leadId ?? null };
}
