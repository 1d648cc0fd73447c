import { z } from 'zod';
import { Email, Id, PageQuery, Timestamp } from './common.js';
import { CompanyCreateBody, CustomInput, RecordTags } from './companies.js';
import { ConsentRecord, ContactCreateBody } from './contacts.js';
import { withCustomFilters, type CustomFilters } from './custom-fields.js';
import { DealCreateBody } from './deals.js';

// Requests (заявки): what arrived, as it arrived, and what the team made of it.
export const LeadStatus = z.enum(['new', 'in_work', 'qualified', 'converted', 'junk']);
export type LeadStatus = z.infer<typeof LeadStatus>;
export const LeadChannel = z.enum([
  'web',
  'email',
  'telegram',
  'vk',
  'whatsapp',
  'phone',
  'manual',
  'import',
  // A visitor booked a meeting on a public booking page (src/modules/booking).
  'booking',
]);
export type LeadChannel = z.infer<typeof LeadChannel>;

const Ref = z.object({ id: Id, name: z.string() });

// One reason behind a request's priority score ("+ names a product"): a feature code, its weight.
export const PriorityReason = z.object({
  code: z.string(),
  weight: z.number(),
  sign: z.enum(['+', '-']),
});
export type PriorityReason = z.infer<typeof PriorityReason>;

export const Lead = z.object({
  id: Id,
  channel: LeadChannel,
  source: z.string().nullable(),
  utm: z.record(z.string(), z.string()),
  title: z.string().nullable(),
  message: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  companyName: z.string().nullable(),
  status: LeadStatus,
  assigneeId: Id.nullable(),
  contact: Ref.nullable(),
  company: Ref.nullable(),
  deal: Ref.nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  receivedAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  convertedAt: Timestamp.nullable(),
  // Routing (null until the request has been routed and scored, a moment after it arrives).
  priorityScore: z.number().int().nullable(),
  priorityReasons: z.array(PriorityReason),
  // The queue (team) it waits in while no one is assigned.
  queueTeamId: Id.nullable(),
  firstResponseDueAt: Timestamp.nullable(),
  firstRespondedAt: Timestamp.nullable(),
  // Automatic moves after missed deadlines so far.
  moves: z.number().int(),
  // The consent the client gave with it (a website form's box), carried to the contact.
  consent: ConsentRecord.omit({ leadId: true }).nullable(),
});
export type Lead = z.infer<typeof Lead>;

// The answer to a create says whether the lead was matched to a known contact by phone or e-mail.
export const LeadCreated = Lead.extend({ matchedContact: z.boolean() });
export type LeadCreated = z.infer<typeof LeadCreated>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const UtmKey = z.enum(['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content']);

export const LeadCreateBody = z.strictObject({
  channel: z.enum(['manual', 'phone', 'email', 'web', 'telegram', 'vk', 'whatsapp']).optional(),
  source: Text(200).nullable().optional(),
  utm: z.partialRecord(UtmKey, z.string().max(200)).optional(),
  title: Text(300).nullable().optional(),
  message: z.string().max(20000).nullable().optional(),
  contactName: Text(200).nullable().optional(),
  contactPhone: Text(40).nullable().optional(),
  contactEmail: Email.nullable().optional(),
  companyName: Text(300).nullable().optional(),
  assigneeId: Id.nullable().optional(),
  tags: RecordTags.optional(),
  custom: CustomInput.optional(),
});
export type LeadCreateBody = z.infer<typeof LeadCreateBody>;

// `converted` is reached only through convert; `junk` may carry a reason.
export const LeadUpdateBody = LeadCreateBody.pick({
  title: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
  companyName: true,
  assigneeId: true,
  tags: true,
  custom: true,
}).extend({
  status: z.enum(['new', 'in_work', 'qualified', 'junk']).optional(),
  junkReason: Text(300).nullable().optional(),
});
export type LeadUpdateBody = z.infer<typeof LeadUpdateBody>;

export const LeadListFilters = PageQuery.extend({
  status: LeadStatus.optional(),
  channel: LeadChannel.optional(),
  assigneeId: z.union([Id, z.literal('none')]).optional(),
  q: z.string().trim().max(200).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  tag: z.string().max(50).optional(),
});
export const LeadListQuery = withCustomFilters(LeadListFilters);
export type LeadListQuery = z.infer<typeof LeadListFilters> & CustomFilters;

export const LeadCounts = z.object({ new: z.number().int() });

// Convert: link or create the contact and company, optionally open a deal, all in one transaction.
// A created contact gets the lead's phone and e-mail unless the body gives its own.
export const LeadConvertBody = z.strictObject({
  contact: z.union([
    z.strictObject({ existingId: Id }),
    z.strictObject({ create: ContactCreateBody }),
  ]),
  company: z
    .union([z.strictObject({ existingId: Id }), z.strictObject({ create: CompanyCreateBody })])
    .nullable()
    .optional(),
  deal: z
    .strictObject({
      create: DealCreateBody.pick({
        title: true,
        pipelineId: true,
        stageId: true,
        amount: true,
        currency: true,
        expectedCloseDate: true,
      }),
    })
    .nullable()
    .optional(),
});
export type LeadConvertBody = z.infer<typeof LeadConvertBody>;

export const LeadConverted = z.object({
  lead: Lead,
  contactId: Id,
  companyId: Id.nullable(),
  dealId: Id.nullable(),
});
export type LeadConverted = z.infer<typeof LeadConverted>;
