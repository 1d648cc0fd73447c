import type { PublicForm } from '@voronka/contract';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeRow, selectList } from '../../platform/db/read-model.js';
import { rowsOf } from '../../platform/db/rls.js';
import type { Executor } from '../../platform/db/types.js';
import { newId } from '../../platform/ids.js';
import * as inbox from '../inbox/service.js';
import * as leads from '../leads/service.js';
import { clientOf, composeMessage, type ReadSubmission } from './rules.js';
import { formSubmissions, forms } from './tables.js';

// The public side of a form: found by its key before any workspace is known, rate-limited per
// visitor, and each accepted submission turned into an inbox conversation and a request.

export type IntakeForm = Pick<
  typeof forms.$inferSelect,
  | 'workspaceId'
  | 'id'
  | 'channelId'
  | 'name'
  | 'fields'
  | 'consentText'
  | 'consentVersion'
  | 'thankYou'
  | 'allowedDomains'
  | 'rateLimitPerMinute'
  | 'callbackButton'
  | 'publicKey'
> & {
  // Its web channel switched off in the channel settings switches the form off too (read with the
  // form, in the same statement).
  channelEnabled: boolean;
};

// The one form column map of the intake: read by findFormByKey's select and, in the same shape, by
// findFormForSubmission's statement (selectList / decodeRow).
const intakeColumns = {
  workspaceId: forms.workspaceId,
  id: forms.id,
  channelId: forms.channelId,
  name: forms.name,
  fields: forms.fields,
  consentText: forms.consentText,
  consentVersion: forms.consentVersion,
  thankYou: forms.thankYou,
  allowedDomains: forms.allowedDomains,
  rateLimitPerMinute: forms.rateLimitPerMinute,
  callbackButton: forms.callbackButton,
  publicKey: forms.publicKey,
  channelEnabled: inbox.channelEnabledSql(forms.workspaceId, forms.channelId),
};

// Like resolving a session: on the privileged connection, outside any workspace (the caller then
// works inside inWorkspace(db, form.workspaceId, …)). A deleted form is not found.
// The form's web channel key names it too (the channel settings show a widget address with it).
export async function findFormByKey(db: Executor, key: string): Promise<IntakeForm | null> {
  if (!key || key.length > 100) return null;
  const [row] = await db
    .select(intakeColumns)
    .from(forms)
    .where(and(eq(forms.publicKey, key), isNull(forms.deletedAt)))
    .limit(1);
  if (row) return row;
  const channel = await inbox.findChannelByKey(db, 'web', key);
  const formId = channel?.settings.formId;
  if (!channel || typeof formId !== 'string') return null;
  const [byChannel] = await db
    .select(intakeColumns)
    .from(forms)
    .where(
      and(
        eq(forms.workspaceId, channel.workspaceId),
        eq(forms.id, formId),
        isNull(forms.deletedAt),
      ),
    );
  return byChannel ?? null;
}

export const toPublicForm = (f: IntakeForm): PublicForm => ({
  key: f.publicKey,
  name: f.name,
  fields: f.fields,
  consentText: f.consentText,
  consentVersion: f.consentVersion,
  thankYou: f.thankYou,
  callbackButton: f.callbackButton,
});

// Counts this submission in the (form, IP) window of the current minute, on the database's clock,
// in one statement (so concurrent requests from every API process see one count). The row of a
// past minute is reset rather than added to. Returns whether it is within the form's limit and,
// if not, the seconds until the window turns.
export async function countSubmission(
  db: Executor,
  form: Pick<IntakeForm, 'workspaceId' | 'id' | 'rateLimitPerMinute'>,
  ip: string,
): Promise<{ allowed: boolean; retryAfter: number }> {
  const result = await db.execute(sql`
    insert into form_rate_counters as c (workspace_id, form_id, ip, window_start, count)
    values (${form.workspaceId}, ${form.id}, ${ip.slice(0, 64)}, date_trunc('minute', now()), 1)
    on conflict (workspace_id, form_id, ip) do update
      set count = case when c.window_start = excluded.window_start then c.count + 1 else 1 end, window_start = excluded.window_start
    returning count, greatest(1, ceil(extract(epoch from (window_start + interval '1 minute' - now()))))::int as retry_after`);
  const [row] = rowsOf<{ count: number; retry_after: number }>(result);
  return {
    allowed: Number(row!.count) <= form.rateLimitPerMinute,
    retryAfter: Number(row!.retry_after),
  };
}

// A post's reads in one round trip: the form by its key (with its channel's on/off switch) and this
// submission's count in the rate limit (the same statement as countSubmission). Falls back to the
// channel key.
export async function findFormForSubmission(
  db: Executor,
  key: string,
  ip: string,
): Promise<{ form: IntakeForm; allowed: boolean; retryAfter: number } | null> {
  if (!key || key.length > 100) return null;
  const result = await db.execute(sql`
    with f as (
      select ${selectList(intakeColumns)} from ${forms}
      where ${forms.publicKey} = ${key} and ${forms.deletedAt} is null limit 1
    ), c as (
      insert into form_rate_counters as c (workspace_id, form_id, ip, window_start, count)
      select f."workspaceId", f.id, ${ip.slice(0, 64)}, date_trunc('minute', now()), 1 from f
      on conflict (workspace_id, form_id, ip) do update
        set count = case when c.window_start = excluded.window_start then c.count + 1 else 1 end, window_start = excluded.window_start
      returning count, greatest(1, ceil(extract(epoch from (window_start + interval '1 minute' - now()))))::int as retry_after
    )
    select f.*, c.count, c.retry_after from f cross join c`);
  const [r] = rowsOf<Record<string, unknown>>(result);
  if (!r) {
    const form = await findFormByKey(db, key);
    return form ? { form, ...(await countSubmission(db, form, ip)) } : null;
  }
  const form: IntakeForm = decodeRow(intakeColumns, r);
  return {
    form,
    allowed: Number(r.count) <= form.rateLimitPerMinute,
    retryAfter: Number(r.retry_after),
  };
}

export type SubmissionMeta = { ip: string | null; userAgent: string | null };

// One transaction (the caller's). With a client's token, the submission row goes first, so that a
// repeat of the same token — even one racing this request — waits on the unique index and then
// inserts nothing. Then the inbox accepts it as a new conversation (thread = the submission id),
// which raises the request. Without a token nothing can repeat it: one insert at the end.
export async function acceptSubmission(
  ctx: Ctx,
  form: IntakeForm,
  sub: ReadSubmission,
  meta: SubmissionMeta,
): Promise<{ duplicate: boolean; leadId: string | null; conversationId: string | null }> {
  // Its web channel switched off in the channel settings switches the form off too (read with the
  // form, one statement before this transaction: as current as a read inside it would be).
  if (!form.channelEnabled) throw new DomainError('channel.disabled', 'this form is switched off');
  const id = newId();
  const externalId = sub.token ?? id;
  const consent =
    form.consentText && sub.consentGiven
      ? {
          version: form.consentVersion,
          text: form.consentText,
          at: new Date().toISOString(),
          ip: meta.ip,
        }
      : null;
  const row = {
    workspaceId: ctx.workspaceId,
    id,
    formId: form.id,
    externalId,
    consent,
    pageUrl: sub.pageUrl,
    referrer: sub.referrer,
    utm: sub.utm,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  };
  if (sub.token) {
    const [claimed] = await ctx.tx
      .insert(formSubmissions)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: formSubmissions.id });
    if (!claimed) return { duplicate: true, leadId: null, conversationId: null };
  }
  // The submission row (its links, or the whole row without a token) goes in the inbox's last
  // statement; for a repeat the inbox writes nothing and it is written here.
  const links = (l: { leadId: string | null; conversationId: string }) => ({
    leadId: l.leadId,
    conversationId: l.conversationId,
  });
  const write = (l: { leadId: string | null; conversationId: string }) =>
    sub.token
      ? ctx.tx
          .update(formSubmissions)
          .set(links(l))
          .where(and(eq(formSubmissions.workspaceId, ctx.workspaceId), eq(formSubmissions.id, id)))
      : ctx.tx.insert(formSubmissions).values({ ...row, ...links(l) });
  let written = false;
  const accepted = await inbox.acceptInbound(ctx, {
    channelId: form.channelId,
    threadKey: id,
    externalId,
    text: composeMessage(sub.values, sub.pageUrl),
    subject: form.name,
    from: clientOf(sub.values),
    utm: sub.utm,
    source: form.name,
    alongside: (l) => {
      written = true;
      return write(l);
    },
  });
  if (!written) await write(accepted);
  // The consent goes with the person: on the request, and on the contact it was matched to.
  if (consent && accepted.leadId && !accepted.duplicate)
    await leads.recordLeadConsent(ctx, accepted.leadId, {
      ...consent,
      formId: form.id,
      formName: form.name,
    });
  return { duplicate: accepted.duplicate, ...links(accepted) };
}

// The form a request came through (routing matches rules on it), if any.
export async function formOfLead(ctx: Ctx, leadId: string): Promise<string | null> {
  const [row] = await ctx.tx
    .select({ formId: formSubmissions.formId })
    .from(formSubmissions)
    .where(
      and(eq(formSubmissions.workspaceId, ctx.workspaceId), eq(formSubmissions.leadId, leadId)),
    )
    .limit(1);
  return row?.formId ?? null;
}

// Whether a form of this workspace has this id (a dry run naming a form checks it exists).
export async function formExists(ctx: Ctx, id: string): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ id: forms.id })
    .from(forms)
    .where(and(eq(forms.workspaceId, ctx.workspaceId), eq(forms.id, id)));
  return row !== undefined;
}

// The public key of a workspace's form (not deleted), read like findFormByKey before a workspace
// is known: a calculator's widget submits through its form.
export async function formKeyOf(
  db: Executor,
  workspaceId: string,
  formId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ key: forms.publicKey })
    .from(forms)
    .where(and(eq(forms.workspaceId, workspaceId), eq(forms.id, formId), isNull(forms.deletedAt)));
  return row?.key ?? null;
}
