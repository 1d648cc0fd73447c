import type {
  Template,
  TemplateCreateBody,
  TemplateListQuery,
  TemplateScope,
  TemplateUpdateBody,
} from '@voronka/contract';
import { and, asc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { parseTemplate, TemplateProblem } from './engine.js';
import { messageTemplates } from './tables.js';

// Templates: personal ones are their author's alone; shared ones are read by every member with the
// messaging right and changed only by those whose right covers everyone's records (visibility
// `all`: the head, the admin, the owner).

export type TemplateRow = typeof messageTemplates.$inferSelect;

export const toTemplate = (r: TemplateRow): Template => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  scope: r.scope,
  locale: r.locale,
  subject: r.subject,
  body: r.body,
  ownerId: r.ownerId,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// What the caller sees: the shared templates and their own (the system sees all).
function seen(ctx: Ctx): SQL {
  const base = and(
    eq(messageTemplates.workspaceId, ctx.workspaceId),
    isNull(messageTemplates.deletedAt),
  )!;
  const me = ctx.actor.memberId;
  if (ctx.actor.permissions === null) return base;
  return and(
    base,
    me
      ? or(eq(messageTemplates.scope, 'shared'), eq(messageTemplates.ownerId, me))
      : eq(messageTemplates.scope, 'shared'),
  )!;
}

const mayChangeShared = (ctx: Ctx) =>
  ctx.actor.permissions === null || ctx.actor.permissions.messaging?.visibility === 'all';

function assertMayWrite(ctx: Ctx, scope: TemplateScope, field = 'scope') {
  if (scope === 'shared' && !mayChangeShared(ctx))
    throw new DomainError('auth.forbidden', 'only the head or an admin changes shared templates', {
      field,
    });
}

// The text must parse and name only known variables and filters; a message has no subject.
function assertText(kind: Template['kind'], subject: string | null, body: string) {
  if (kind === 'message' && subject)
    throw new DomainError('message_template.invalid', 'a message template has no subject', {
      field: 'subject',
    });
  for (const [field, text] of [
    ['subject', subject],
    ['body', body],
  ] as const) {
    if (!text) continue;
    try {
      parseTemplate(text);
    } catch (err) {
      if (err instanceof TemplateProblem)
        throw new DomainError('message_template.invalid', err.message, { field });
      throw err;
    }
  }
}

export async function listTemplates(ctx: Ctx, q: TemplateListQuery): Promise<Template[]> {
  const where = [seen(ctx)];
  if (q.kind) where.push(eq(messageTemplates.kind, q.kind));
  if (q.scope) where.push(eq(messageTemplates.scope, q.scope));
  if (q.q) where.push(ilike(messageTemplates.name, `%${escapeLike(q.q)}%`));
  const rows = await ctx.tx
    .select()
    .from(messageTemplates)
    .where(and(...where))
    .orderBy(asc(messageTemplates.name), asc(messageTemplates.id))
    .limit(500);
  return rows.map(toTemplate);
}

export async function findTemplateRow(ctx: Ctx, id: string): Promise<TemplateRow> {
  const [row] = await ctx.tx
    .select()
    .from(messageTemplates)
    .where(and(seen(ctx), eq(messageTemplates.id, id)));
  if (!row) throw new DomainError('message_template.not_found', 'no such template');
  return row;
}

export const getTemplate = async (ctx: Ctx, id: string) =>
  toTemplate(await findTemplateRow(ctx, id));

export async function createTemplate(ctx: Ctx, body: TemplateCreateBody): Promise<Template> {
  const scope = body.scope ?? 'personal';
  assertMayWrite(ctx, scope);
  const subject = body.kind === 'letter' ? (body.subject ?? null) || null : (body.subject ?? null);
  assertText(body.kind, subject, body.body);
  const [row] = await ctx.tx
    .insert(messageTemplates)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      kind: body.kind,
      name: body.name,
      scope,
      locale: body.locale ?? 'ru',
      subject,
      body: body.body,
      ownerId: ctx.actor.memberId,
    })
    .returning();
  const after = toTemplate(row!);
  await recordAudit(ctx, {
    action: 'template.created',
    entity: 'template',
    entityId: after.id,
    after,
  });
  return after;
}

export async function updateTemplate(
  ctx: Ctx,
  id: string,
  body: TemplateUpdateBody,
): Promise<Template> {
  const row = await findTemplateRow(ctx, id);
  assertMayWrite(ctx, row.scope);
  if (body.scope) assertMayWrite(ctx, body.scope);
  const subject = body.subject !== undefined ? body.subject || null : row.subject;
  const text = body.body ?? row.body;
  assertText(row.kind, subject, text);
  const [next] = await ctx.tx
    .update(messageTemplates)
    .set({
      name: body.name ?? row.name,
      scope: body.scope ?? row.scope,
      locale: body.locale ?? row.locale,
      subject,
      body: text,
      updatedAt: new Date(),
    })
    .where(and(eq(messageTemplates.workspaceId, ctx.workspaceId), eq(messageTemplates.id, id)))
    .returning();
  const after = toTemplate(next!);
  await recordAudit(ctx, {
    action: 'template.updated',
    entity: 'template',
    entityId: id,
    before: toTemplate(row),
    after,
  });
  return after;
}

export async function deleteTemplate(ctx: Ctx, id: string): Promise<void> {
  const row = await findTemplateRow(ctx, id);
  assertMayWrite(ctx, row.scope);
  await ctx.tx
    .update(messageTemplates)
    .set({ deletedAt: new Date() })
    .where(and(eq(messageTemplates.workspaceId, ctx.workspaceId), eq(messageTemplates.id, id)));
  await recordAudit(ctx, {
    action: 'template.deleted',
    entity: 'template',
    entityId: id,
    before: toTemplate(row),
  });
}
