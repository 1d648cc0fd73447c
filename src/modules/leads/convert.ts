import type { ContactCreateBody, Entity, LeadConvertBody, LeadConverted } from '@voronka/contract';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as activities from '../activities/service.js';
import * as clients from '../clients/service.js';
import * as pipeline from '../pipeline/service.js';
import { getLead } from './leads.js';
import { canConvertLead } from './rules.js';
import { leads } from './tables.js';

export type LeadConversion = {
  leadId: string;
  contactId: string;
  companyId: string | null;
  dealId: string | null;
};
type ConvertedListener = (ctx: Ctx, c: LeadConversion) => Promise<void>;
const convertedListeners: ConvertedListener[] = [];

// Modules that depend on leads and keep their own links to a request (the inbox's conversations)
// follow a conversion in the same transaction; handed in at start-up (src/app.ts).
export function onLeadConverted(listener: ConvertedListener): void {
  if (!convertedListeners.includes(listener)) convertedListeners.push(listener);
}

// Converting makes or links a contact, a company and a deal and marks the lead converted. The
// caller's request transaction holds it all: any refusal (a right, a missing record, a bad field)
// leaves nothing behind.
export async function convertLead(
  ctx: Ctx,
  id: string,
  body: LeadConvertBody,
): Promise<LeadConverted> {
  const lead = await getLead(ctx, id);
  // Lock the row so that two concurrent converts cannot both pass the status check.
  const [locked] = await ctx.tx
    .select({ status: leads.status })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)))
    .for('update');
  if (locked?.status === 'converted')
    throw new DomainError('lead.already_converted', 'this lead is already converted');
  if (!canConvertLead(lead.status))
    throw new DomainError(
      'lead.not_convertible',
      `a ${lead.status} lead cannot be converted; reopen it first`,
    );
  assertMayCreate(ctx, body);

  const companyId = await resolveCompany(ctx, body, lead.company?.id ?? null);
  const contactId =
    'existingId' in body.contact
      ? (
          await clients
            .getContact(ctx, body.contact.existingId)
            .catch(refield('contact.existingId'))
        ).id
      : (await clients.createContact(ctx, contactFromLead(body.contact.create, lead, companyId)))
          .id;
  const deal = body.deal
    ? await pipeline.createDeal(ctx, { ...body.deal.create, companyId, contactIds: [contactId] })
    : null;

  await ctx.tx
    .update(leads)
    .set({
      status: 'converted',
      contactId,
      companyId,
      dealId: deal?.id ?? null,
      convertedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)));
  // The consent the client gave with the request goes with them to the contact.
  if (lead.consent)
    await clients.recordContactConsent(ctx, contactId, { ...lead.consent, leadId: id });
  await activities.linkLeadRecords(ctx, id, { contactId, companyId, dealId: deal?.id ?? null });
  for (const listener of convertedListeners)
    await listener(ctx, { leadId: id, contactId, companyId, dealId: deal?.id ?? null });
  await activities.writeActivity(ctx, {
    kind: 'conversion',
    leadId: id,
    contactId,
    companyId,
    dealId: deal?.id ?? null,
    body: deal?.title ?? lead.title ?? lead.message?.slice(0, 200) ?? null,
    data: { channel: lead.channel },
  });
  const after = await getLead(ctx, id);
  await recordAudit(ctx, {
    action: 'lead.converted',
    entity: 'leads',
    entityId: id,
    before: lead,
    after: { ...after, contactId, companyId, dealId: deal?.id ?? null },
  });
  return { lead: after, contactId, companyId, dealId: deal?.id ?? null };
}

// Authorise before any write: converting creates records of other entities, each under its own right.
function assertMayCreate(ctx: Ctx, body: LeadConvertBody) {
  const needs: Entity[] = [];
  if ('create' in body.contact) needs.push('contacts');
  if (body.company && 'create' in body.company) needs.push('companies');
  if (body.deal) needs.push('deals');
  const missing = needs.find((e) => ctx.actor.permissions && !ctx.actor.permissions[e].create);
  if (missing) throw new DomainError('auth.forbidden', `your role may not create ${missing}`);
}

// No `company` keeps the company the lead was matched to; null converts without one.
async function resolveCompany(
  ctx: Ctx,
  body: LeadConvertBody,
  matched: string | null,
): Promise<string | null> {
  if (body.company === undefined) return matched;
  if (body.company === null) return null;
  if ('existingId' in body.company)
    return (
      await clients.getCompany(ctx, body.company.existingId).catch(refield('company.existingId'))
    ).id;
  return (await clients.createCompany(ctx, body.company.create)).id;
}

// The new contact gets the lead's phone, e-mail and name unless the body says otherwise.
function contactFromLead(
  create: ContactCreateBody,
  lead: Awaited<ReturnType<typeof getLead>>,
  companyId: string | null,
): ContactCreateBody {
  const hasName = Boolean(create.firstName || create.lastName);
  return {
    ...create,
    firstName: hasName
      ? create.firstName
      : (lead.contactName ?? lead.contactEmail ?? lead.contactPhone ?? 'Без имени'),
    companyId: create.companyId === undefined ? companyId : create.companyId,
    phones:
      create.phones ??
      (lead.contactPhone ? [{ number: lead.contactPhone, label: null }] : undefined),
    emails:
      create.emails ??
      (lead.contactEmail ? [{ address: lead.contactEmail, label: null }] : undefined),
  };
}

// A linked record that is missing (or not visible) is a field error of the convert body.
const refield = (field: string) => (err: unknown) => {
  if (err instanceof DomainError && err.code.endsWith('.not_found'))
    throw new DomainError(err.code, err.message, { field });
  throw err;
};
