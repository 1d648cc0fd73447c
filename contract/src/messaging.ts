import { z } from 'zod';
import { Id, Locale, Name, Timestamp } from './common.js';

// Messaging: letter and message templates (src/modules/messaging/DESIGN.md). A template's text is
// Liquid (`{{ client.firstName }}`, `{{ deal.amount | rub }}`, `{% if %}`), rendered by the server in
// a sandbox: only the variables below, no files, no prototypes, bounded time and size.

// letter: an e-mail (subject + body); message: a messenger or SMS text (body only).
export const TemplateKind = z.enum(['letter', 'message']);
export type TemplateKind = z.infer<typeof TemplateKind>;
// personal: seen and used only by its author; shared: by the whole workspace (changed by those
// whose templates right covers everyone's records).
export const TemplateScope = z.enum(['personal', 'shared']);
export type TemplateScope = z.infer<typeof TemplateScope>;

export const TEMPLATE_BODY_MAX = 20_000;
export const TEMPLATE_SUBJECT_MAX = 500;

export const Template = z.object({
  id: Id,
  kind: TemplateKind,
  name: z.string(),
  scope: TemplateScope,
  locale: Locale,
  subject: z.string().nullable(),
  body: z.string(),
  ownerId: Id.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Template = z.infer<typeof Template>;

const Body = z.string().min(1).max(TEMPLATE_BODY_MAX);
const Subject = z.string().trim().max(TEMPLATE_SUBJECT_MAX).nullable();

export const TemplateCreateBody = z.strictObject({
  kind: TemplateKind,
  name: Name(200),
  scope: TemplateScope.default('personal'),
  locale: Locale.default('ru'),
  // A letter's subject (a message has none: it is refused there).
  subject: Subject.optional(),
  body: Body,
});
export type TemplateCreateBody = z.input<typeof TemplateCreateBody>;

export const TemplateUpdateBody = z.strictObject({
  name: Name(200).optional(),
  scope: TemplateScope.optional(),
  locale: Locale.optional(),
  subject: Subject.optional(),
  body: Body.optional(),
});
export type TemplateUpdateBody = z.infer<typeof TemplateUpdateBody>;

export const TemplateListQuery = z.strictObject({
  kind: TemplateKind.optional(),
  scope: TemplateScope.optional(),
  q: z.string().trim().max(200).optional(),
});
export type TemplateListQuery = z.infer<typeof TemplateListQuery>;

// The record a preview (or a quick reply) is rendered for. A deal brings its company, first contact
// and owner; a contact its company. None at all: a sample client, marked `sample`.
export const TemplatePreviewBody = z.strictObject({
  contactId: Id.optional(),
  companyId: Id.optional(),
  dealId: Id.optional(),
});
export type TemplatePreviewBody = z.infer<typeof TemplatePreviewBody>;

export const TemplatePreview = z.object({
  subject: z.string().nullable(),
  body: z.string(),
  sample: z.boolean(),
});
export type TemplatePreview = z.infer<typeof TemplatePreview>;

// The variables a template may use, for the editor's help: one list for the server's check and the
// web's hints.
export const templateVariables = {
  client: ['name', 'firstName', 'lastName', 'middleName', 'position', 'email', 'phone'],
  company: ['name', 'inn', 'kpp', 'legalAddress', 'website'],
  deal: ['title', 'amount', 'currency', 'stage', 'expectedCloseDate'],
  manager: ['name', 'email'],
  workspace: ['name'],
} as const;
export type TemplateVariableRoot = keyof typeof templateVariables;
export const templateVariableRoots = Object.keys(templateVariables) as TemplateVariableRoot[];
