import { z } from 'zod';
import { Email, Id, PageQuery, TimeZone, Timestamp } from './common.js';
import { withCustomFilters, type CustomFilters } from './custom-fields.js';
import {
  CustomInput,
  DuplicateRef,
  OptionalText,
  RecordSort,
  RecordOrder,
  RecordTags,
} from './companies.js';

export const Consent = z.enum(['unknown', 'given', 'withdrawn']);

// How a consent was given, when it came with a request: the form's consent text and its version,
// when and from which IP it was ticked, and the request it came with.
export const ConsentRecord = z.object({
  version: z.number().int(),
  text: z.string(),
  at: Timestamp,
  ip: z.string().nullable(),
  formId: Id.nullable(),
  formName: z.string().nullable(),
  leadId: Id.nullable(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const ContactPhone = z.object({ number: z.string(), label: z.string().nullable() });
export const ContactEmail = z.object({ address: z.string(), label: z.string().nullable() });
export const Messengers = z.object({
  telegram: z.string().nullable(),
  vk: z.string().nullable(),
  whatsapp: z.string().nullable(),
});

export const Contact = z.object({
  id: Id,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  middleName: z.string().nullable(),
  fullName: z.string(),
  position: z.string().nullable(),
  companyId: Id.nullable(),
  companyName: z.string().nullable(),
  // Phones in E.164, e-mails lower-case, in the order given.
  phones: z.array(ContactPhone),
  emails: z.array(ContactEmail),
  messengers: Messengers,
  birthday: z.string().nullable(),
  timezone: z.string().nullable(),
  ownerId: Id.nullable(),
  consent: Consent,
  consentRecord: ConsentRecord.nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Contact = z.infer<typeof Contact>;

export const ContactSaved = Contact.extend({ duplicates: z.array(DuplicateRef) });
export type ContactSaved = z.infer<typeof ContactSaved>;

const Label = z.string().trim().max(50).nullable().optional();
// Any format a person types; the server normalises to E.164 with the workspace's default region.
const PhoneInput = z.strictObject({ number: z.string().trim().min(1).max(40), label: Label });
const EmailInput = z.strictObject({ address: Email, label: Label });
const Handle = z.string().trim().max(100).nullable().optional();
const MessengersInput = z.strictObject({ telegram: Handle, vk: Handle, whatsapp: Handle });

const contactFields = {
  firstName: OptionalText(100),
  lastName: OptionalText(100),
  middleName: OptionalText(100),
  position: OptionalText(200),
  companyId: Id.nullable().optional(),
  phones: z.array(PhoneInput).max(20).optional(),
  emails: z.array(EmailInput).max(20).optional(),
  messengers: MessengersInput.optional(),
  birthday: z.iso.date().nullable().optional(),
  timezone: TimeZone.nullable().optional(),
  ownerId: Id.nullable().optional(),
  consent: Consent.optional(),
  tags: RecordTags.optional(),
  custom: CustomInput.optional(),
};

// At least a first or a last name (checked by the server, field firstName).
export const ContactCreateBody = z.strictObject(contactFields);
export type ContactCreateBody = z.infer<typeof ContactCreateBody>;
export const ContactUpdateBody = z.strictObject(contactFields);
export type ContactUpdateBody = z.infer<typeof ContactUpdateBody>;

// Besides these, `custom.<key>=value` and `custom.<key>.gte|lte=value` filter by custom fields.
export const ContactListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  companyId: Id.optional(),
  ownerId: Id.optional(),
  tag: z.string().max(50).optional(),
  phone: z.string().max(40).optional(),
  email: z.string().trim().max(254).optional(),
  sort: RecordSort.default('updatedAt'),
  order: RecordOrder.default('desc'),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;
// The route's query string: the filters above plus custom-field filters.
export const ContactListRequest = withCustomFilters(ContactListQuery);
export type ContactListRequest = Omit<ContactListQuery, 'sort' | 'order'> &
  Partial<Pick<ContactListQuery, 'sort' | 'order'>> &
  CustomFilters;
