import {
  CalculatorDefinition,
  type Calculator,
  type CalculatorCreateBody,
  type CalculatorUpdateBody,
} from '@voronka/contract';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { randomToken } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as forms from '../forms/service.js';
import { compileDefinition, DefinitionError, type Compiled } from './evaluate.js';
import { calculatorVersions, calculators } from './tables.js';

// Calculator definitions: workspace settings read by everyone who reads the catalog, changed with
// the catalog's update right. Every save of the definition goes into the draft version; publishing
// freezes the draft, and the next edit opens a new draft (version + 1).

export type CalculatorDeps = { publicUrl: string };
type Row = typeof calculators.$inferSelect;
type VersionRow = typeof calculatorVersions.$inferSelect;

export function toCalculator(
  row: Row,
  version: VersionRow,
  publishedAt: Date | null,
  publicUrl: string,
): Calculator {
  const hostedUrl = `${publicUrl}/c/${row.publicKey}`;
  return {
    id: row.id,
    name: row.name,
    formId: row.formId,
    publicKey: row.publicKey,
    definition: version.definition,
    draftVersion: row.draftVersion,
    publishedVersion: row.publishedVersion,
    publishedAt: publishedAt?.toISOString() ?? null,
    hostedUrl,
    // The key is base64url: nothing in it needs escaping inside the attribute.
    embedCode: `<script src="${publicUrl}/calculator.js" data-calculator="${row.publicKey}" async></script>`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const byId = (ctx: Ctx, id: string) =>
  and(
    eq(calculators.workspaceId, ctx.workspaceId),
    eq(calculators.id, id),
    isNull(calculators.deletedAt),
  );

export async function calculatorRow(ctx: Ctx, id: string): Promise<Row> {
  const [row] = await ctx.tx.select().from(calculators).where(byId(ctx, id));
  if (!row) throw new DomainError('calculator.not_found', 'calculator not found');
  return row;
}

export async function versionRow(ctx: Ctx, row: Row, version: number): Promise<VersionRow> {
  const [v] = await ctx.tx
    .select()
    .from(calculatorVersions)
    .where(
      and(
        eq(calculatorVersions.workspaceId, ctx.workspaceId),
        eq(calculatorVersions.calculatorId, row.id),
        eq(calculatorVersions.version, version),
      ),
    );
  if (!v) throw new DomainError('calculator.not_found', 'calculator version not found');
  return v;
}

async function present(ctx: Ctx, row: Row, deps: CalculatorDeps): Promise<Calculator> {
  const shown = await versionRow(ctx, row, (row.draftVersion ?? row.publishedVersion)!);
  const published =
    row.publishedVersion === null
      ? null
      : row.publishedVersion === shown.version
        ? shown
        : await versionRow(ctx, row, row.publishedVersion);
  return toCalculator(row, shown, published?.publishedAt ?? null, deps.publicUrl);
}

export async function listCalculators(
  ctx: Ctx,
  deps: CalculatorDeps,
): Promise<{ items: Calculator[] }> {
  const rows = await ctx.tx
    .select()
    .from(calculators)
    .where(and(eq(calculators.workspaceId, ctx.workspaceId), isNull(calculators.deletedAt)))
    .orderBy(asc(calculators.createdAt));
  const items: Calculator[] = [];
  for (const r of rows) items.push(await present(ctx, r, deps));
  return { items };
}

export async function getCalculator(
  ctx: Ctx,
  deps: CalculatorDeps,
  id: string,
): Promise<Calculator> {
  return present(ctx, await calculatorRow(ctx, id), deps);
}

/** A definition checked past its schema: formulas, names, bounds. 422 naming the field. */
export function checkDefinition(def: CalculatorDefinition) {
  try {
    return compileDefinition(def);
  } catch (err) {
    if (err instanceof DefinitionError)
      throw new DomainError('calculator.invalid', err.message, { field: err.field });
    throw err;
  }
}

// A published version is never written again, so its compiled form (the zod-checked definition
// with every formula parsed and checked) is kept per (workspace, calculator, version): the widget,
// evaluations and apply never parse a formula twice. Bounded; the least recently used goes first.
const COMPILED_MAX = 500;
const compiledCache = new Map<string, Compiled>();

export function compiledPublished(
  workspaceId: string,
  calculatorId: string,
  version: number,
  definition: unknown,
): Compiled {
  const key = `${workspaceId}:${calculatorId}:${version}`;
  const hit = compiledCache.get(key);
  if (hit) {
    compiledCache.delete(key);
    compiledCache.set(key, hit);
    return hit;
  }
  const compiled = checkDefinition(CalculatorDefinition.parse(definition));
  if (compiledCache.size >= COMPILED_MAX) compiledCache.delete(compiledCache.keys().next().value!);
  compiledCache.set(key, compiled);
  return compiled;
}

async function checkForm(ctx: Ctx, formId: string | null | undefined) {
  if (formId && !(await forms.formExists(ctx, formId)))
    throw new DomainError('form.not_found', 'no such website form', { field: 'formId' });
}

export async function createCalculator(
  ctx: Ctx,
  deps: CalculatorDeps,
  body: CalculatorCreateBody,
): Promise<Calculator> {
  const definition = CalculatorDefinition.parse(body.definition);
  checkDefinition(definition);
  await checkForm(ctx, body.formId);
  const id = newId();
  const [row] = await ctx.tx
    .insert(calculators)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      name: body.name,
      publicKey: randomToken('', 18),
      formId: body.formId ?? null,
      draftVersion: 1,
    })
    .returning();
  await ctx.tx.insert(calculatorVersions).values({
    workspaceId: ctx.workspaceId,
    calculatorId: id,
    version: 1,
    definition,
    createdBy: ctx.actor.memberId ?? null,
  });
  const calc = await present(ctx, row!, deps);
  await recordAudit(ctx, {
    action: 'calculator.created',
    entity: 'calculators',
    entityId: id,
    after: { name: calc.name },
  });
  return calc;
}

export async function updateCalculator(
  ctx: Ctx,
  deps: CalculatorDeps,
  id: string,
  body: CalculatorUpdateBody,
): Promise<Calculator> {
  const row = await calculatorRow(ctx, id);
  await checkForm(ctx, body.formId);
  const set: Partial<Row> = { updatedAt: new Date() };
  if (body.name !== undefined) set.name = body.name;
  if (body.formId !== undefined) set.formId = body.formId;
  if (body.definition !== undefined) {
    const definition = CalculatorDefinition.parse(body.definition);
    checkDefinition(definition);
    if (row.draftVersion !== null) {
      await ctx.tx
        .update(calculatorVersions)
        .set({ definition, createdBy: ctx.actor.memberId ?? null })
        .where(
          and(
            eq(calculatorVersions.workspaceId, ctx.workspaceId),
            eq(calculatorVersions.calculatorId, id),
            eq(calculatorVersions.version, row.draftVersion),
            isNull(calculatorVersions.publishedAt),
          ),
        );
    } else {
      // The published version stays as it is: the edit opens the next version as a draft.
      const next = (row.publishedVersion ?? 0) + 1;
      await ctx.tx.insert(calculatorVersions).values({
        workspaceId: ctx.workspaceId,
        calculatorId: id,
        version: next,
        definition,
        createdBy: ctx.actor.memberId ?? null,
      });
      set.draftVersion = next;
    }
  }
  const [updated] = await ctx.tx.update(calculators).set(set).where(byId(ctx, id)).returning();
  await recordAudit(ctx, {
    action: 'calculator.updated',
    entity: 'calculators',
    entityId: id,
    before: { name: row.name, draftVersion: row.draftVersion },
    after: { name: updated!.name, draftVersion: updated!.draftVersion },
  });
  return present(ctx, updated!, deps);
}

export async function publishCalculator(
  ctx: Ctx,
  deps: CalculatorDeps,
  id: string,
): Promise<Calculator> {
  const row = await calculatorRow(ctx, id);
  if (row.draftVersion === null)
    throw new DomainError(
      'calculator.no_draft',
      'nothing to publish: the published version is current',
    );
  const draft = await versionRow(ctx, row, row.draftVersion);
  checkDefinition(CalculatorDefinition.parse(draft.definition));
  await ctx.tx
    .update(calculatorVersions)
    .set({ publishedAt: new Date() })
    .where(
      and(
        eq(calculatorVersions.workspaceId, ctx.workspaceId),
        eq(calculatorVersions.calculatorId, id),
        eq(calculatorVersions.version, draft.version),
      ),
    );
  const [updated] = await ctx.tx
    .update(calculators)
    .set({ publishedVersion: draft.version, draftVersion: null, updatedAt: new Date() })
    .where(byId(ctx, id))
    .returning();
  await recordAudit(ctx, {
    action: 'calculator.published',
    entity: 'calculators',
    entityId: id,
    after: { version: draft.version },
  });
  return present(ctx, updated!, deps);
}

export async function deleteCalculator(ctx: Ctx, id: string): Promise<void> {
  const row = await calculatorRow(ctx, id);
  await ctx.tx.update(calculators).set({ deletedAt: new Date() }).where(byId(ctx, id));
  await recordAudit(ctx, {
    action: 'calculator.deleted',
    entity: 'calculators',
    entityId: id,
    before: { name: row.name },
  });
}
