import {
  customFilterParam,
  type CustomEntity,
  type CustomField,
  type CustomFieldCreateBody,
  type CustomFieldUpdateBody,
} from '@voronka/contract';
import { and, asc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  checkCustomValue,
  checkFieldOptions,
  checkFilterValue,
  type FieldDef,
} from './custom-values.js';
import { customFields } from './tables.js';

// Custom field definitions (managed under the matrix's `workspace` update right: owners and
// admins by default) and the validation and filtering of the values records carry.

const columns = {
  id: customFields.id,
  entity: customFields.entity,
  key: customFields.key,
  label: customFields.label,
  type: customFields.type,
  options: customFields.options,
  required: customFields.required,
  position: customFields.position,
  createdAt: customFields.createdAt,
};
type Row = Omit<CustomField, 'createdAt'> & { createdAt: Date };
const toField = (r: Row): CustomField => ({ ...r, createdAt: r.createdAt.toISOString() });

export async function listCustomFields(
  ctx: Ctx,
  q: { entity?: CustomEntity | undefined },
): Promise<{ items: CustomField[] }> {
  const rows = await ctx.tx
    .select(columns)
    .from(customFields)
    .where(
      and(
        eq(customFields.workspaceId, ctx.workspaceId),
        q.entity ? eq(customFields.entity, q.entity) : undefined,
      ),
    )
    .orderBy(asc(customFields.entity), asc(customFields.position), asc(customFields.createdAt));
  return { items: rows.map(toField) };
}

export async function getCustomField(ctx: Ctx, id: string): Promise<CustomField> {
  const [row] = await ctx.tx
    .select(columns)
    .from(customFields)
    .where(and(eq(customFields.workspaceId, ctx.workspaceId), eq(customFields.id, id)));
  if (!row) throw new DomainError('custom_field.not_found', 'custom field not found');
  return toField(row);
}

export async function createCustomField(
  ctx: Ctx,
  body: CustomFieldCreateBody,
): Promise<CustomField> {
  const options = checkFieldOptions(body.type, body.options ?? []);
  const id = newId();
  const inserted = await ctx.tx
    .insert(customFields)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      entity: body.entity,
      key: body.key,
      label: body.label,
      type: body.type,
      options,
      required: body.required ?? false,
      position: body.position ?? 0,
    })
    .onConflictDoNothing()
    .returning({ id: customFields.id });
  if (!inserted.length)
    throw new DomainError(
      'custom_field.key_taken',
      `${body.entity} already have a field "${body.key}"`,
      { field: 'key' },
    );
  const field = await getCustomField(ctx, id);
  await recordAudit(ctx, {
    action: 'custom_field.created',
    entity: 'custom_fields',
    entityId: id,
    after: field,
  });
  return field;
}

export async function updateCustomField(
  ctx: Ctx,
  id: string,
  body: CustomFieldUpdateBody,
): Promise<CustomField> {
  const before = await getCustomField(ctx, id);
  const options =
    body.options === undefined ? undefined : checkFieldOptions(before.type, body.options);
  const set = Object.fromEntries(
    Object.entries({
      label: body.label,
      options,
      required: body.required,
      position: body.position,
    }).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(set).length)
    await ctx.tx
      .update(customFields)
      .set(set)
      .where(and(eq(customFields.workspaceId, ctx.workspaceId), eq(customFields.id, id)));
  const after = await getCustomField(ctx, id);
  await recordAudit(ctx, {
    action: 'custom_field.updated',
    entity: 'custom_fields',
    entityId: id,
    before,
    after,
  });
  return after;
}

// Values already stored stay in the records' `custom` objects (audit and history keep meaning);
// they are no longer shown, validated or filterable.
export async function deleteCustomField(ctx: Ctx, id: string): Promise<void> {
  const before = await getCustomField(ctx, id);
  await ctx.tx
    .delete(customFields)
    .where(and(eq(customFields.workspaceId, ctx.workspaceId), eq(customFields.id, id)));
  await recordAudit(ctx, {
    action: 'custom_field.deleted',
    entity: 'custom_fields',
    entityId: id,
    before,
  });
}

async function definitions(ctx: Ctx, entity: CustomEntity): Promise<Map<string, FieldDef>> {
  const rows = await ctx.tx
    .select({
      key: customFields.key,
      type: customFields.type,
      options: customFields.options,
      required: customFields.required,
    })
    .from(customFields)
    .where(and(eq(customFields.workspaceId, ctx.workspaceId), eq(customFields.entity, entity)));
  return new Map(rows.map((r) => [r.key, r]));
}

// Validates a record's custom values against the entity's definitions and returns the cleaned
// object. On create (`existing` absent) required fields must be present; on update the given
// values are merged over the existing ones, and null removes a value.
export async function validateCustom(
  ctx: Ctx,
  entity: CustomEntity,
  values: Record<string, unknown> | undefined,
  existing?: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const defs = await definitions(ctx, entity);
  const out: Record<string, unknown> = existing
    ? Object.fromEntries(Object.entries(existing).filter(([k]) => defs.has(k)))
    : {};
  for (const [key, value] of Object.entries(values ?? {})) {
    const def = defs.get(key);
    if (!def)
      throw new DomainError(
        'custom_field.invalid_value',
        `no custom field "${key}" for ${entity}`,
        { field: `custom.${key}` },
      );
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0))
      delete out[key];
    else out[key] = checkCustomValue(def, value, `custom.${key}`);
  }
  for (const [key, def] of defs) {
    if (def.required && out[key] === undefined)
      throw new DomainError('custom_field.invalid_value', `custom field "${key}" is required`, {
        field: `custom.${key}`,
      });
  }
  return out;
}

// The `custom.<key>` (exact) and `custom.<key>.gte|lte` (number, money, date) filters of a list
// query, as one condition on the table's `custom` jsonb column.
export async function customFilter(
  ctx: Ctx,
  entity: CustomEntity,
  column: AnyColumn,
  query: Record<string, unknown>,
): Promise<SQL | undefined> {
  const params = Object.entries(query).filter(([k]) => k.startsWith('custom.'));
  if (!params.length) return undefined;
  const defs = await definitions(ctx, entity);
  const conditions = params.map(([param, raw]) => {
    const [, key, op] = customFilterParam.exec(param) ?? [];
    const def = key ? defs.get(key) : undefined;
    if (!key || !def)
      throw new DomainError(
        'custom_field.invalid_value',
        `no custom field to filter by in "${param}"`,
        { field: param },
      );
    const value = checkFilterValue(def, String(raw), op as 'gte' | 'lte' | undefined, param);
    const text = sql`(${column} ->> ${key}::text)`;
    if (def.type === 'multiselect') return sql`(${column} -> ${key}::text) ? ${value}::text`;
    if (!op)
      return def.type === 'number' || def.type === 'money'
        ? sql`${text}::numeric = ${value}::numeric`
        : sql`${text} = ${value}`;
    const cmp = op === 'gte' ? sql`>=` : sql`<=`;
    return def.type === 'date'
      ? sql`${text} ${cmp} ${value}`
      : sql`${text}::numeric ${cmp} ${value}::numeric`;
  });
  return and(...conditions);
}

// Query-string keys a list accepts besides its own: only custom filters.
export function assertOnlyCustomExtras(
  query: Record<string, unknown>,
  known: readonly string[],
): void {
  const stray = Object.keys(query).find((k) => !known.includes(k) && !k.startsWith('custom.'));
  if (stray)
    throw new DomainError('request.invalid', `unknown query parameter "${stray}"`, {
      field: stray,
    });
}
