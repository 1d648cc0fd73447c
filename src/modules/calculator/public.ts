import {
  type CalcValues,
  type Estimate,
  type FormField,
  type PublicCalculator,
} from '@voronka/contract';
import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/types.js';
import * as forms from '../forms/service.js';
import * as leads from '../leads/service.js';
import { compiledPublished } from './calculators.js';
import { estimateOf } from './estimates.js';
import type { Compiled } from './evaluate.js';
import { calculatorVersions, calculators } from './tables.js';

// The public side of a calculator: found by its key before any workspace is known (like a website
// form), its published version only; a visitor's result with contacts goes through the website
// form's intake (forms.acceptSubmission), so the channel, consent, routing, SLA and warm-first
// see it as they see any form's request.

export type PublicFound = {
  workspaceId: string;
  id: string;
  name: string;
  publicKey: string;
  version: number;
  compiled: Compiled;
  formKey: string | null;
};

// On the privileged connection, outside any workspace (as findFormByKey). Unpublished or deleted: null.
export async function findCalculatorByKey(db: Executor, key: string): Promise<PublicFound | null> {
  if (!key || key.length > 100) return null;
  const [row] = await db
    .select({
      workspaceId: calculators.workspaceId,
      id: calculators.id,
      name: calculators.name,
      publicKey: calculators.publicKey,
      version: calculators.publishedVersion,
      definition: calculatorVersions.definition,
      formId: calculators.formId,
    })
    .from(calculators)
    .innerJoin(
      calculatorVersions,
      and(
        eq(calculatorVersions.workspaceId, calculators.workspaceId),
        eq(calculatorVersions.calculatorId, calculators.id),
        eq(calculatorVersions.version, calculators.publishedVersion),
      ),
    )
    .where(and(eq(calculators.publicKey, key), isNull(calculators.deletedAt)))
    .limit(1);
  if (!row || row.version === null) return null;
  return {
    workspaceId: row.workspaceId,
    id: row.id,
    name: row.name,
    publicKey: row.publicKey,
    version: row.version,
    compiled: compiledPublished(row.workspaceId, row.id, row.version, row.definition),
    formKey: row.formId ? await forms.formKeyOf(db, row.workspaceId, row.formId) : null,
  };
}

export const toPublicCalculator = (
  f: PublicFound,
  form: forms.IntakeForm | null,
): PublicCalculator => ({
  key: f.publicKey,
  name: f.name,
  definition: f.compiled.def,
  form: form && form.channelEnabled ? forms.toPublicForm(form) : null,
});

export const publicEstimate = (ctx: Ctx, f: PublicFound, values: CalcValues) =>
  estimateOf(ctx, f.compiled, values, false);

const rub = (kopecks: number) =>
  `${new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(kopecks / 100)} ₽`;

// What the team reads in the request: the visitor's answers, then the itemised estimate.
export function specificationText(f: PublicFound, values: CalcValues, e: Estimate): string {
  const answers = f.compiled.def.inputs
    .filter((i) => e.visible.includes(i.key) && values[i.key] !== undefined)
    .map((i) => {
      const v = values[i.key]!;
      const label = (x: string) => i.options?.find((o) => o.value === x)?.label.ru ?? x;
      const shown = Array.isArray(v)
        ? v.map(label).join(', ')
        : typeof v === 'boolean'
          ? v
            ? 'да'
            : 'нет'
          : typeof v === 'string'
            ? label(v)
            : `${v}${i.unit ? ` ${i.unit}` : ''}`;
      return `${i.label.ru}: ${shown}`;
    });
  const lines = e.lines.map(
    (l, n) =>
      `${n + 1}. ${l.name} — ${l.quantity} ${l.unit} × ${rub(l.priceKopecks)} = ${rub(l.totalKopecks)}`,
  );
  const vat =
    e.totals.vatKopecks > 0
      ? `${e.vatMode === 'included' ? 'в т.ч. НДС' : 'НДС'}: ${rub(e.totals.vatKopecks)}`
      : 'без НДС';
  return [
    `«${f.name}», версия ${f.version}`,
    ...answers,
    'Спецификация:',
    ...lines,
    `Итого: ${rub(e.totals.totalKopecks)} (${vat})`,
  ].join('\n');
}

const SPEC_FIELD: FormField = {
  key: 'calculation',
  label: 'Расчёт',
  type: 'textarea',
  required: false,
  options: [],
};

/**
 * A visitor's result with their contacts: the estimate is computed here again (a total the page
 * sent is never used), then the form's intake raises the conversation and the request, which keeps
 * the specification in its text and in `custom.calculator`.
 */
export async function submitCalculation(
  ctx: Ctx,
  f: PublicFound,
  form: forms.IntakeForm,
  sub: forms.ReadSubmission,
  values: CalcValues,
  meta: forms.SubmissionMeta,
): Promise<{ duplicate: boolean; leadId: string | null; estimate: Estimate }> {
  const estimate = await publicEstimate(ctx, f, values);
  const text = specificationText(f, values, estimate);
  const withSpec = { ...sub, values: [...sub.values, { field: SPEC_FIELD, value: text }] };
  const accepted = await forms.acceptSubmission(ctx, form, withSpec, meta);
  if (accepted.leadId && !accepted.duplicate)
    await leads.recordLeadCalculation(ctx, accepted.leadId, {
      calculatorId: f.id,
      name: f.name,
      version: f.version,
      values,
      vatMode: estimate.vatMode,
      totalKopecks: estimate.totals.totalKopecks,
      vatKopecks: estimate.totals.vatKopecks,
      lines: estimate.lines.map((l) => ({
        productId: l.productId,
        name: l.name,
        quantity: l.quantity,
        unit: l.unit,
        priceKopecks: l.priceKopecks,
        totalKopecks: l.totalKopecks,
      })),
    });
  return { duplicate: accepted.duplicate, leadId: accepted.leadId, estimate };
}
