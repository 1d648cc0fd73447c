import { type Form, type FormCreateBody, type FormUpdateBody } from '@voronka/contract';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { randomToken, type Sealer } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as inbox from '../inbox/service.js';
import { forms } from './tables.js';

// Form definitions: workspace settings (matrix entity `workspace`: every role reads, the update
// right changes). Each form brings its own inbox channel of kind 'web'.

export type FormDeps = { sealer: Sealer; publicUrl: string };
type Row = typeof forms.$inferSelect;

const DEFAULT_THANK_YOU = 'Спасибо! Мы свяжемся с вами в ближайшее время.';

export function toForm(row: Row, publicUrl: string): Form {
  const widgetUrl = `${publicUrl}/widget.js`;
  return {
    id: row.id,
    channelId: row.channelId,
    name: row.name,
    fields: row.fields,
    consentText: row.consentText,
    consentVersion: row.consentVersion,
    thankYou: row.thankYou,
    allowedDomains: row.allowedDomains,
    rateLimitPerMinute: row.rateLimitPerMinute,
    callbackButton: row.callbackButton,
    publicKey: row.publicKey,
    hostedUrl: `${publicUrl}/f/${row.publicKey}`,
    widgetUrl,
    // The key is base64url: nothing in it needs escaping inside the attribute.
    embedCode: `<script src="${widgetUrl}" data-form="${row.publicKey}" async></script>`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const byId = (ctx: Ctx, id: string) =>
  and(eq(forms.workspaceId, ctx.workspaceId), eq(forms.id, id), isNull(forms.deletedAt));

async function findRow(ctx: Ctx, id: string): Promise<Row> {
  const [row] = await ctx.tx.select().from(forms).where(byId(ctx, id));
  if (!row) throw new DomainError('form.not_found', 'form not found');
  return row;
}

export async function listForms(ctx: Ctx, deps: FormDeps): Promise<{ items: Form[] }> {
  const rows = await ctx.tx
    .select()
    .from(forms)
    .where(and(eq(forms.workspaceId, ctx.workspaceId), isNull(forms.deletedAt)))
    .orderBy(asc(forms.createdAt));
  return { items: rows.map((r) => toForm(r, deps.publicUrl)) };
}

export async function getForm(ctx: Ctx, deps: FormDeps, id: string): Promise<Form> {
  return toForm(await findRow(ctx, id), deps.publicUrl);
}

const blankToNull = (s: string | null | undefined) => (s ? s : null);

export async function createForm(ctx: Ctx, deps: FormDeps, body: FormCreateBody): Promise<Form> {
  const channel = await inbox.createChannel(ctx, deps, {
    kind: 'web',
    name: body.name,
    settings: {},
  });
  const id = newId();
  const [row] = await ctx.tx
    .insert(forms)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      channelId: channel.id,
      name: body.name,
      fields: body.fields,
      consentText: blankToNull(body.consentText),
      thankYou: body.thankYou ?? DEFAULT_THANK_YOU,
      allowedDomains: body.allowedDomains ?? [],
      rateLimitPerMinute: body.rateLimitPerMinute ?? 30,
      callbackButton: body.callbackButton ?? false,
      publicKey: randomToken('', 18),
    })
    .returning();
  await inbox.updateChannel(ctx, deps, channel.id, { settings: { formId: id } });
  const form = toForm(row!, deps.publicUrl);
  await recordAudit(ctx, { action: 'form.created', entity: 'forms', entityId: id, after: form });
  return form;
}

export async function updateForm(
  ctx: Ctx,
  deps: FormDeps,
  id: string,
  body: FormUpdateBody,
): Promise<Form> {
  const before = await findRow(ctx, id);
  const consentText = body.consentText === undefined ? undefined : blankToNull(body.consentText);
  // Agreements already given name the version they saw: a new text is a new version.
  const consentChanged = consentText !== undefined && consentText !== before.consentText;
  const fields = {
    name: body.name,
    fields: body.fields,
    consentText,
    thankYou: body.thankYou,
    allowedDomains: body.allowedDomains,
    rateLimitPerMinute: body.rateLimitPerMinute,
    callbackButton: body.callbackButton,
  };
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const [row] = await ctx.tx
    .update(forms)
    .set({
      ...set,
      ...(consentChanged ? { consentVersion: sql`${forms.consentVersion} + 1` } : {}),
      updatedAt: sql`now()`,
    })
    .where(byId(ctx, id))
    .returning();
  if (body.name !== undefined && body.name !== before.name)
    await inbox.updateChannel(ctx, deps, before.channelId, { name: body.name });
  const after = toForm(row!, deps.publicUrl);
  await recordAudit(ctx, {
    action: 'form.updated',
    entity: 'forms',
    entityId: id,
    before: toForm(before, deps.publicUrl),
    after,
  });
  return after;
}

// The form stops taking submissions at once (its key is no longer found). Its row stays, marked
// deleted, because the consents its submissions recorded refer to it; its channel is disabled, not
// deleted, so the conversations it brought stay in the inbox.
export async function deleteForm(ctx: Ctx, deps: FormDeps, id: string): Promise<void> {
  const before = await findRow(ctx, id);
  await ctx.tx
    .update(forms)
    .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(byId(ctx, id));
  await inbox.updateChannel(ctx, deps, before.channelId, { enabled: false });
  await recordAudit(ctx, {
    action: 'form.deleted',
    entity: 'forms',
    entityId: id,
    before: toForm(before, deps.publicUrl),
  });
}
