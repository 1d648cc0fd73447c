import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';
import { VatModeSchema, VatRateValue } from './catalog.js';
import { PublicForm } from './forms.js';

// Service cost calculators (issue 20): a definition as data (inputs, catalog-bound lines, formulas),
// published versions that never change, and the itemised estimate an evaluation returns.

const Kopecks = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
// Formulas are checked by the server when saved (names, functions, size, depth): 422 naming the field.
export const CalcFormula = z.string().trim().min(1).max(500);

const reservedCalcKeys = ['constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];
export const CalcKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case latin letters, digits and _, starting with a letter')
  .refine(
    (k) =>
      !reservedCalcKeys.includes(k) &&
      !['min', 'max', 'round', 'ceil', 'floor', 'if', 'abs'].includes(k),
    'this name is reserved',
  );

export const CalcText = z.strictObject({
  ru: z.string().trim().min(1).max(200),
  en: z.string().trim().max(200).optional(),
});
export type CalcText = z.infer<typeof CalcText>;
const CalcHelp = z.strictObject({
  ru: z.string().trim().max(1000),
  en: z.string().trim().max(1000).optional(),
});

export const CalcInputType = z.enum([
  'number',
  'range',
  'select',
  'multiselect',
  'checkbox',
  'date',
]);
export type CalcInputType = z.infer<typeof CalcInputType>;

export const CalcOption = z.strictObject({
  value: CalcKey,
  label: CalcText,
  // Choosing it adds this catalog item (quantity 1, or the formula's).
  productId: Id.optional(),
  quantity: CalcFormula.optional(),
});
export type CalcOption = z.infer<typeof CalcOption>;

const Bound = z.number().min(-1e9).max(1e9);
export const CalcInput = z.strictObject({
  key: CalcKey,
  type: CalcInputType,
  label: CalcText,
  help: CalcHelp.optional(),
  section: CalcKey.optional(),
  unit: z.string().trim().max(20).optional(),
  min: Bound.optional(),
  max: Bound.optional(),
  step: z.number().positive().max(1e6).optional(),
  default: z
    .union([
      z.number().min(-1e9).max(1e9),
      z.boolean(),
      z.string().max(40),
      z.array(CalcKey).max(50),
    ])
    .optional(),
  required: z.boolean().optional(),
  options: z.array(CalcOption).max(50).optional(),
  // A catalog item this input orders: quantity = the number (or 1 when checked), or the formula's.
  productId: Id.optional(),
  quantity: CalcFormula.optional(),
  visibleIf: CalcFormula.optional(),
});
export type CalcInput = z.infer<typeof CalcInput>;

// A catalog item added by a formula over the inputs (e.g. "2 × rooms" hours of cleaning).
export const CalcLine = z.strictObject({
  productId: Id,
  quantity: CalcFormula,
  when: CalcFormula.optional(),
});
export type CalcLine = z.infer<typeof CalcLine>;

export const CalcSection = z.strictObject({
  key: CalcKey,
  title: CalcText,
  help: CalcHelp.optional(),
});
export type CalcSection = z.infer<typeof CalcSection>;

// How a quantity computed from a formula is rounded before it is priced.
export const CalcRounding = z.enum(['exact', 'up', 'nearest']);

export const CalculatorDefinition = z.strictObject({
  title: CalcText.optional(),
  sections: z.array(CalcSection).max(20).default([]),
  inputs: z.array(CalcInput).min(1).max(100),
  lines: z.array(CalcLine).max(100).default([]),
  // Prices from this price list where it has the item, else the product's own price.
  priceListId: Id.nullable().optional(),
  vatMode: VatModeSchema.default('included'),
  minimumOrderKopecks: Kopecks.default(0),
  rounding: CalcRounding.default('exact'),
});
export type CalculatorDefinition = z.infer<typeof CalculatorDefinition>;
export type CalculatorDefinitionInput = z.input<typeof CalculatorDefinition>;

export const Calculator = z.object({
  id: Id,
  name: z.string(),
  // The website form whose channel, consent text, allowed sites and rate limit the widget's
  // requests go through (none: the widget computes but takes no contacts).
  formId: Id.nullable(),
  publicKey: z.string(),
  // The draft being edited, or the published definition when there is no draft.
  definition: CalculatorDefinition,
  draftVersion: z.number().int().nullable(),
  publishedVersion: z.number().int().nullable(),
  publishedAt: Timestamp.nullable(),
  hostedUrl: z.string(),
  embedCode: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Calculator = z.infer<typeof Calculator>;

export const CalculatorCreateBody = z.strictObject({
  name: Name(200),
  formId: Id.nullable().optional(),
  definition: CalculatorDefinition,
});
export type CalculatorCreateBody = z.input<typeof CalculatorCreateBody>;
export const CalculatorUpdateBody = CalculatorCreateBody.partial();
export type CalculatorUpdateBody = z.input<typeof CalculatorUpdateBody>;

// What a person (or visitor) entered, by input key.
export const CalcValues = z.record(
  CalcKey,
  z.union([z.number(), z.boolean(), z.string().max(40), z.array(z.string().max(40)).max(50)]),
);
export type CalcValues = z.infer<typeof CalcValues>;

export const CalculatorEvaluateBody = z.strictObject({
  values: CalcValues,
  // The draft (the builder's own preview) or the published version (default).
  version: z.enum(['draft', 'published']).optional(),
});
export const CalculatorPreviewBody = z.strictObject({
  definition: CalculatorDefinition,
  values: CalcValues,
});
export const CalculatorApplyBody = z.strictObject({ dealId: Id, values: CalcValues });

export const EstimateLine = z.object({
  productId: Id.nullable(),
  name: z.string(),
  okei: z.string(),
  unit: z.string(),
  quantity: z.string(),
  priceKopecks: z.number().int(),
  vatRate: VatRateValue,
  totalKopecks: z.number().int(),
  vatKopecks: z.number().int(),
  // Which input or formula line brought it (or "minimum" for the minimum order top-up).
  source: z.string(),
  costKopecks: z.number().int().nullable().optional(),
});
export type EstimateLine = z.infer<typeof EstimateLine>;

export const Estimate = z.object({
  vatMode: VatModeSchema,
  lines: z.array(EstimateLine),
  visible: z.array(z.string()),
  totals: z.object({
    netKopecks: z.number().int(),
    vatKopecks: z.number().int(),
    totalKopecks: z.number().int(),
    vatByRate: z.array(
      z.object({ rate: VatRateValue, netKopecks: z.number().int(), vatKopecks: z.number().int() }),
    ),
    // Staff with the margin right only.
    costKopecks: z.number().int().nullable().optional(),
    marginKopecks: z.number().int().nullable().optional(),
  }),
  minimumOrderKopecks: z.number().int(),
  minimumApplied: z.boolean(),
});
export type Estimate = z.infer<typeof Estimate>;

export const CalculatorKeyParams = z.strictObject({ key: z.string().min(1).max(100) });

export const PublicCalculator = z.object({
  key: z.string(),
  name: z.string(),
  definition: CalculatorDefinition,
  // Contacts and consent come from the calculator's website form; null: no request can be left.
  form: PublicForm.nullable(),
});
export type PublicCalculator = z.infer<typeof PublicCalculator>;

export const PublicEvaluateBody = z.strictObject({ values: CalcValues });

// The visitor's values and contacts: the form's field keys plus what a form post carries (consent,
// _token, page_url, utm_*, the _gotcha honeypot). Any total the page sends is ignored: the server
// computes it again.
export const CalculatorSubmissionBody = z.strictObject({
  values: CalcValues,
  contact: z.record(z.string().max(60), z.union([z.string().max(5000), z.boolean()])),
  totalKopecks: z.number().optional(),
});
export type CalculatorSubmissionBody = z.infer<typeof CalculatorSubmissionBody>;

export const CalculatorSubmissionAccepted = z.object({
  thankYou: z.string(),
  totalKopecks: z.number().int(),
});
