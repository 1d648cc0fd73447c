import { z } from 'zod';
import { Id, Name, PageQuery, TimeZone, Timestamp } from './common.js';
import { withCustomFilters, type CustomFilters } from './custom-fields.js';

// Optional free text: trimmed; an empty string clears the field (stored as null).
export const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const RecordTags = z.array(z.string().trim().min(1).max(50)).max(50);

// Values of custom fields: JSON scalars and lists of scalars, keyed by the field's key; the server
// checks them against the workspace's field definitions where those exist.
const CustomScalar = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
export const CustomInput = z.record(
  z.string().min(1).max(40),
  z.union([CustomScalar, z.array(CustomScalar).max(100)]),
);

export const RecordOrder = z.enum(['asc', 'desc']);
export const RecordSort = z.enum(['name', 'updatedAt', 'createdAt']);

// A record that already holds the same INN, phone or e-mail: reported on create/update, not refused.
export const DuplicateRef = z.object({
  id: Id,
  name: z.string(),
  matchedOn: z.enum(['inn', 'phone', 'email']),
});
export type DuplicateRef = z.infer<typeof DuplicateRef>;

export const Company = z.object({
  id: Id,
  name: z.string(),
  legalForm: z.string().nullable(),
  inn: z.string().nullable(),
  kpp: z.string().nullable(),
  ogrn: z.string().nullable(),
  legalAddress: z.string().nullable(),
  postalAddress: z.string().nullable(),
  bankName: z.string().nullable(),
  bik: z.string().nullable(),
  corrAccount: z.string().nullable(),
  settlementAccount: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
  timezone: z.string().nullable(),
  ownerId: Id.nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Company = z.infer<typeof Company>;

export const CompanySaved = Company.extend({ duplicates: z.array(DuplicateRef) });
export type CompanySaved = z.infer<typeof CompanySaved>;

// A company's text fields, in the order forms, merge and import show them (one list for the server's
// merge and import and the web's form and merge dialog).
export const companyTextFields = [
  'name',
  'legalForm',
  'inn',
  'kpp',
  'ogrn',
  'legalAddress',
  'postalAddress',
  'bankName',
  'bik',
  'corrAccount',
  'settlementAccount',
  'website',
  'industry',
] as const;
export type CompanyTextField = (typeof companyTextFields)[number];

// Requisites are checked by their check digits on the server (field error company.invalid_requisite).
const companyFields = {
  legalForm: OptionalText(50),
  inn: OptionalText(12),
  kpp: OptionalText(9),
  ogrn: OptionalText(15),
  legalAddress: OptionalText(500),
  postalAddress: OptionalText(500),
  bankName: OptionalText(200),
  bik: OptionalText(9),
  corrAccount: OptionalText(20),
  settlementAccount: OptionalText(20),
  website: OptionalText(300),
  industry: OptionalText(100),
  timezone: TimeZone.nullable().optional(),
  ownerId: Id.nullable().optional(),
  tags: RecordTags.optional(),
  custom: CustomInput.optional(),
};

export const CompanyCreateBody = z.strictObject({ name: Name(300), ...companyFields });
export type CompanyCreateBody = z.infer<typeof CompanyCreateBody>;
export const CompanyUpdateBody = z.strictObject({ name: Name(300).optional(), ...companyFields });
export type CompanyUpdateBody = z.infer<typeof CompanyUpdateBody>;

// Besides these, `custom.<key>=value` and `custom.<key>.gte|lte=value` filter by custom fields.
export const CompanyListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  ownerId: Id.optional(),
  tag: z.string().max(50).optional(),
  industry: z.string().max(100).optional(),
  inn: z.string().max(12).optional(),
  sort: RecordSort.default('updatedAt'),
  order: RecordOrder.default('desc'),
});
export type CompanyListQuery = z.infer<typeof CompanyListQuery>;
// The route's query string: the filters above plus custom-field filters.
export const CompanyListRequest = withCustomFilters(CompanyListQuery);
export type CompanyListRequest = Omit<CompanyListQuery, 'sort' | 'order'> &
  Partial<Pick<CompanyListQuery, 'sort' | 'order'>> &
  CustomFilters;

// Duplicate candidates and merging, for contacts and companies alike.
export const DuplicateEntity = z.enum(['contacts', 'companies']);
export const DuplicatesQuery = z.strictObject({
  entity: DuplicateEntity,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DuplicatesQuery = z.infer<typeof DuplicatesQuery>;

export const DuplicatePair = z.object({
  a: z.object({ id: Id, name: z.string() }),
  b: z.object({ id: Id, name: z.string() }),
  matchedOn: z.enum(['inn', 'phone', 'email', 'name']),
  similarity: z.number().nullable(),
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;
export const DuplicateList = z.object({ items: z.array(DuplicatePair) });

// Field by field: keep this record's value or take the other's; unnamed fields keep this record's
// value where it has one, else the other's. The other record is deleted; its links move here.
export const MergeBody = z.strictObject({
  otherId: Id,
  fields: z.record(z.string().max(40), z.enum(['this', 'other'])).default({}),
});
export type MergeBody = z.infer<typeof MergeBody>;
