import type { Ctx } from '../../platform/context.js';
import * as clients from '../clients/service.js';
import * as pipeline from '../pipeline/service.js';
import { requireVisible } from '../workspaces/service.js';
import './owned.js';

export type SubjectLinks = {
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
  leadId?: string | null;
};

// Checks every link is a record the caller sees and completes the company from the deal or
// contact (shown to the caller only if they see that company too), so the activity or task shows on the
// company's timeline.
export async function assertSubjectLinks(ctx: Ctx, l: SubjectLinks): Promise<SubjectLinks> {
  await clients.assertContacts(ctx, l.contactId ? [l.contactId] : [], 'contactId');
  await clients.assertCompany(ctx, l.companyId);
  if (l.leadId) await requireVisible(ctx, 'leads', l.leadId, 'leadId');
  if (l.dealId) await requireVisible(ctx, 'deals', l.dealId, 'dealId');
  let companyId = l.companyId ?? null;
  if (l.dealId && !companyId) {
    companyId = await pipeline.companyOfDeal(ctx, l.dealId);
  }
  if (l.contactId && !companyId) {
    companyId = await clients.companyOfContact(ctx, l.contactId);
  }
  return {
    contactId: l.contactId ?? null,
    companyId,
    dealId: l.dealId ?? null,
    leadId: l.leadId ?? null,
  };
}
