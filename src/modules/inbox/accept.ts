import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/rls.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as activities from '../activities/service.js';
import * as clients from '../clients/service.js';
import * as leads from '../leads/service.js';
import * as workspaces from '../workspaces/service.js';
import { MAX_FILE_BYTES, safeFileName, safeType, sanitiseHtml } from './content.js';
import { publish } from './events.js';
import {
  channels,
  conversations,
  files,
  messages,
  type Attachment,
  type ChannelKind,
  type MessageSender,
} from './tables.js';

export type InboundItem = {
  channelId: string;
  threadKey: string;
  // An existing conversation of another channel the item joins (the client's e-mail answering our
  // e-mail reply to their website request); threadKey is then not used.
  conversationId?: string;
  externalId: string;
  text: string | null;
  html?: string | null;
  subject?: string | null;
  from: MessageSender;
  attachments?: { name: string; type: string; content: Buffer }[];
  utm?: Record<string, string>;
  source?: string | null;
  at?: Date;
  call?: {
    event: 'ringing' | 'answered' | 'missed' | 'ended';
    durationSec?: number;
    recordingUrl?: string | null;
    managerPhone?: string | null;
    // Added by the telephony channel: the provider's id of the whole call (its events then update
    // one timeline activity), the direction, the member the call is routed to (owner of the
    // call-back task) and the members whose screens pop up on ringing (absent: everyone's).
    callId?: string;
    direction?: 'in' | 'out';
    managerId?: string | null;
    notify?: string[];
  };
  noLead?: boolean;
  // A write of the caller's (e.g. the form submission row), given the conversation and request this
  // item settled on, sent in the same round trip as the conversation's update (same transaction).
  // Not called for a repeat (duplicate: true).
  alongside?: (links: { conversationId: string; leadId: string | null }) => SQLWrapper;
};

export type Accepted = {
  duplicate: boolean;
  conversationId: string;
  messageId: string | null;
  leadId: string | null;
  contactId: string | null;
};

// The one entry point of every channel, in the caller's transaction (the provider's 2xx goes out
// after it commits). A provider's repeat of the same external id inserts nothing and changes
// nothing. Otherwise: the conversation of (channel, thread) is found or opened, the client matched,
// a request raised unless one is open, and the message stored with its files.
// Round trips: one statement reads the channel, checks for a repeat, finds or opens the
// conversation, stores the message and matches the client; then the request (when one is raised),
// and its audit row with the conversation's bump and the caller's own write in one.
export async function acceptInbound(ctx: Ctx, item: InboundItem): Promise<Accepted> {
  const from = await normaliseFrom(ctx, item.from);
  const messageId = newId();
  const at = item.at ?? new Date();
  const { attachments, stored } = prepareFiles(ctx, item.attachments ?? []);
  const found = await storeInbound(ctx, item, from, messageId, attachments, at);
  if (!found.channel)
    throw new DomainError('channel.not_found', 'channel not found', { field: 'channelId' });
  if (found.existing) return { duplicate: true, ...found.existing, messageId: null };
  const conv = found.conversation!;
  // A concurrent delivery of the same item won the race: it did everything.
  if (!found.inserted)
    return {
      duplicate: true,
      conversationId: conv.id,
      messageId: null,
      leadId: conv.leadId,
      contactId: conv.contactId,
    };
  const channel = found.channel;
  if (stored.length)
    await ctx.tx.insert(files).values(stored.map((f) => ({ ...f, conversationId: conv.id })));
  const contact = conv.contactId
    ? { id: conv.contactId, companyId: null as string | null }
    : found.contact;
  const { leadId, audit } = found.lead
    ? raised(leads.inboundLeadAudit(ctx, found.lead))
    : await leadFor(ctx, channel, conv, item, from, contact);
  const bump = ctx.tx
    .update(conversations)
    .set({
      contactId: conv.contactId ?? contact?.id ?? null,
      leadId,
      status: 'open',
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at.toISOString()}::timestamptz)`,
      subject: conv.subject ?? item.subject?.slice(0, 500) ?? null,
      clientName: conv.clientName ?? from.name ?? null,
    })
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.id, conv.id)));
  // The request's audit row and the caller's write go in the same statement as the bump (each a
  // data-modifying WITH, run exactly once whether or not the update reads it).
  const along = [audit, item.alongside?.({ conversationId: conv.id, leadId })].filter(
    (q): q is SQLWrapper => q !== undefined,
  );
  if (along.length)
    await ctx.tx.execute(
      sql`with ${sql.join(
        along.map((q, i) => sql`${sql.raw(`along${i}`)} as (${q.getSQL()})`),
        sql`, `,
      )} ${bump.getSQL()}`,
    );
  else await bump;
  if (item.call)
    await recordCall(ctx, item, from, {
      conversationId: conv.id,
      contactId: contact?.id ?? null,
      companyId: contact?.companyId ?? null,
      leadId,
      assigneeId: conv.assigneeId,
    });
  await publish(
    ctx.workspaceId,
    { type: 'inbox.message', conversationId: conv.id, messageId },
    ctx.tx,
  );
  if (item.call?.event === 'ringing')
    await publish(
      ctx.workspaceId,
      {
        type: 'call.ringing',
        conversationId: conv.id,
        contactId: contact?.id ?? null,
        leadId,
        ...(item.call.notify ? { memberIds: item.call.notify } : {}),
      },
      ctx.tx,
    );
  // telephony: a pop-up closes when its call is over.
  if (item.call?.event === 'ended' || item.call?.event === 'missed')
    await publish(ctx.workspaceId, { type: 'call.ended', conversationId: conv.id }, ctx.tx);
  return {
    duplicate: false,
    conversationId: conv.id,
    messageId,
    leadId,
    contactId: conv.contactId ?? contact?.id ?? null,
  };
}

type IntakeRow = {
  ch_kind: ChannelKind | null;
  ch_name: string | null;
  dup_conversation_id: string | null;
  dup_lead_id: string | null;
  dup_contact_id: string | null;
  c_id: string | null;
  c_lead_id: string | null;
  c_contact_id: string | null;
  c_status: 'open' | 'closed' | null;
  c_subject: string | null;
  c_client_name: string | null;
  c_assignee_id: string | null;
  m_id: string | null;
  client_id: string | null;
  client_company_id: string | null;
  lead: unknown;
};
type Conversation = {
  id: string;
  leadId: string | null;
  contactId: string | null;
  status: 'open' | 'closed';
  subject: string | null;
  clientName: string | null;
  assigneeId: string | null;
};

// One statement: the channel; a message already stored under this external id (a provider's
// repeat: then nothing is written); else the conversation of (channel, thread), opened if there is
// none (on conflict it is the existing row, locked, even one a concurrent request just committed),
// and the message in it (on conflict nothing: a concurrent repeat got there first); and the
// contact the client's points match (used when the conversation has none yet).
async function storeInbound(
  ctx: Ctx,
  item: InboundItem,
  from: MessageSender,
  messageId: string,
  attachments: Attachment[],
  at: Date,
) {
  const ws = ctx.workspaceId;
  const address =
    from.phone ?? from.email ?? (from.handle ? `${from.handle.kind}:${from.handle.id}` : null);
  const call = item.call ? { ...item.call, notify: undefined } : null;
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const result = await ctx.tx.execute(sql`
    with ch as (
      select id, kind, name from ${channels} where workspace_id = ${ws} and id = ${item.channelId}
    ), dup as (
      select m.conversation_id, c.lead_id, c.contact_id
      from ${messages} m join ${conversations} c on c.workspace_id = m.workspace_id and c.id = m.conversation_id
      where m.workspace_id = ${ws} and m.channel_id = ${item.channelId} and m.direction = 'in' and m.external_id = ${item.externalId}
      limit 1
    ), conv as (
      ${
        item.conversationId
          ? sql`
      select c.id, c.lead_id, c.contact_id, c.status, c.subject, c.client_name, c.assignee_id from ${conversations} c
      where c.workspace_id = ${ws} and c.id = ${item.conversationId} and exists (select 1 from ch) and not exists (select 1 from dup)
      for update
      `
          : sql`
      insert into ${conversations} as c (workspace_id, id, channel_id, kind, thread_key, client_name, client_address, subject, last_message_at)
      select ${ws}, ${newId()}, ch.id, ch.kind, ${item.threadKey}, ${from.name ?? null}, ${address}, ${item.subject?.slice(0, 500) ?? null}, ${at.toISOString()}::timestamptz
      from ch where not exists (select 1 from dup)
      on conflict (workspace_id, channel_id, thread_key) do update set thread_key = excluded.thread_key
      returning c.id, c.lead_id, c.contact_id, c.status, c.subject, c.client_name, c.assignee_id`
      }
    ), client as (
      ${clients.contactByPointsSql(ctx, clientPoints(from))}
    ), msg as (
      insert into ${messages} (workspace_id, id, conversation_id, channel_id, direction, external_id, text, html, sender, attachments, call, status, created_at)
      select ${ws}, ${messageId}, conv.id, ${item.channelId}, 'in', ${item.externalId}, ${item.text?.slice(0, 100_000) ?? null}, ${sanitiseHtml(item.html)},
        ${json(from)}::jsonb, ${json(attachments)}::jsonb, ${json(call)}::jsonb, 'received', ${at.toISOString()}::timestamptz
      from conv
      on conflict do nothing
      returning id
    ), lead as (
      ${
        raisesLead(item)
          ? leads.inboundLeadInsertSql(ctx, inboundLead(item, from), {
              // A conversation without a request raises one (the case of a closed conversation whose
              // request is finished is decided after, in leadFor).
              from: sql`conv join msg on true join ch on true left join client on true where conv.lead_id is null`,
              channel: sql`ch.kind`,
              source: sql`coalesce(${item.source ?? null}::text, ch.name)`,
              contactId: sql`coalesce(conv.contact_id, client.id)`,
              companyId: sql`case when conv.contact_id is null then client.company_id end`,
            })
          : sql`select null::json as lead where false`
      }
    )
    select ch.kind as ch_kind, ch.name as ch_name,
      dup.conversation_id as dup_conversation_id, dup.lead_id as dup_lead_id, dup.contact_id as dup_contact_id,
      conv.id as c_id, conv.lead_id as c_lead_id, conv.contact_id as c_contact_id, conv.status as c_status, conv.subject as c_subject, conv.client_name as c_client_name, conv.assignee_id as c_assignee_id,
      msg.id as m_id, client.id as client_id, client.company_id as client_company_id, lead.lead as lead
    from (select 1) one left join ch on true left join dup on true left join conv on true left join msg on true left join client on true left join lead on true`);
  const [r] = rowsOf<IntakeRow>(result);
  return {
    channel: r?.ch_kind ? { kind: r.ch_kind, name: r.ch_name! } : null,
    existing: r?.dup_conversation_id
      ? {
          conversationId: r.dup_conversation_id,
          leadId: r.dup_lead_id,
          contactId: r.dup_contact_id,
        }
      : null,
    conversation: r?.c_id
      ? {
          id: r.c_id,
          leadId: r.c_lead_id,
          contactId: r.c_contact_id,
          status: r.c_status!,
          subject: r.c_subject,
          clientName: r.c_client_name,
          assigneeId: r.c_assignee_id,
        }
      : null,
    inserted: Boolean(r?.m_id),
    contact: r?.client_id ? { id: r.client_id, companyId: r.client_company_id } : null,
    lead: r?.lead ?? null,
  };
}

// Phones to E.164 by the workspace's region (kept as received when they do not parse), e-mails
// lower-case; what the client wrote is kept otherwise. A number written with its country code
// ("+7 …") parses without a region, so the workspace is read only for one without.
async function normaliseFrom(ctx: Ctx, from: MessageSender): Promise<MessageSender> {
  const international = from.phone ? clients.toE164(from.phone, undefined) : null;
  const region =
    from.phone && !international
      ? clients.defaultPhoneRegion((await workspaces.getWorkspace(ctx)).locale)
      : undefined;
  const phone = from.phone
    ? (international ?? clients.toE164(from.phone, region) ?? from.phone.trim().slice(0, 40))
    : null;
  const email = from.email ? from.email.trim().toLowerCase().slice(0, 320) : null;
  return {
    name: from.name?.trim().slice(0, 300) || null,
    phone,
    email,
    handle: from.handle ?? null,
  };
}

// The client is matched by their messenger id first (the most specific), then phone, then e-mail
// (in storeInbound's statement).
function clientPoints(from: MessageSender): clients.ContactPoint[] {
  const points: clients.ContactPoint[] = [];
  // Contacts keep Telegram usernames without the "@".
  if (from.handle)
    points.push({
      kind: from.handle.kind,
      value: from.handle.kind === 'telegram' ? from.handle.id.replace(/^@/, '') : from.handle.id,
    });
  if (from.phone?.startsWith('+')) points.push({ kind: 'phone', value: from.phone });
  if (from.email) points.push({ kind: 'email', value: from.email });
  return points;
}

type Contact = { id: string; companyId: string | null } | null;

// Calls raise a request only when missed (an answered call is handled live), and auto-replies or
// bounces (noLead) never.
const raisesLead = (item: InboundItem) =>
  !item.noLead && !(item.call && item.call.event !== 'missed');

const raised = ({ id, audit }: { id: string; audit: SQLWrapper }) => ({ leadId: id, audit });

const inboundLead = (item: InboundItem, from: MessageSender) => ({
  utm: item.utm ?? {},
  title: item.subject ?? null,
  message:
    item.text ?? (item.html ? (sanitiseHtml(item.html)?.replace(/<[^>]*>/g, ' ') ?? null) : null),
  contactName: from.name ?? null,
  contactPhone: from.phone ?? null,
  contactEmail: from.email ?? null,
});

// A conversation raises a request when it has none (raised in storeInbound's statement), or when
// the team closed it and its request is finished (here); follow-ups join the open one.
// A raised request's audit row comes back unsent (`audit`): the caller sends it with its next write.
async function leadFor(
  ctx: Ctx,
  channel: { kind: ChannelKind; name: string },
  conv: Conversation,
  item: InboundItem,
  from: MessageSender,
  contact: Contact,
): Promise<{ leadId: string | null; audit?: SQLWrapper }> {
  if (!raisesLead(item)) return { leadId: conv.leadId };
  if (conv.leadId && (conv.status === 'open' || (await leads.isLeadOpen(ctx, conv.leadId))))
    return { leadId: conv.leadId };
  const { id, audit } = await leads.insertInboundLead(ctx, {
    ...inboundLead(item, from),
    channel: channel.kind,
    source: item.source ?? channel.name,
    contactId: contact?.id ?? null,
    companyId: contact?.companyId ?? null,
  });
  return { leadId: id, audit };
}

function prepareFiles(ctx: Ctx, list: NonNullable<InboundItem['attachments']>) {
  const attachments: Attachment[] = [];
  const stored: Omit<typeof files.$inferInsert, 'conversationId'>[] = [];
  for (const a of list) {
    const name = safeFileName(a.name);
    const type = safeType(a.type);
    // Too large to keep: the message is kept and says a file was left out.
    if (a.content.length > MAX_FILE_BYTES) {
      attachments.push({ fileId: null, name, type, size: a.content.length, omitted: 'too_large' });
      continue;
    }
    const id = newId();
    attachments.push({ fileId: id, name, type, size: a.content.length });
    stored.push({
      workspaceId: ctx.workspaceId,
      id,
      name,
      type,
      size: a.content.length,
      content: a.content,
    });
  }
  return { attachments, stored };
}

type CallLinks = {
  conversationId: string;
  contactId: string | null;
  companyId: string | null;
  leadId: string | null;
  assigneeId: string | null;
};

// A finished or missed call goes on the client's timeline; a missed one also asks for a call-back.
async function recordCall(ctx: Ctx, item: InboundItem, from: MessageSender, l: CallLinks) {
  const call = item.call!;
  // telephony: with a call id, an answered call is on the timeline at once and its end updates it.
  if (
    call.event !== 'ended' &&
    call.event !== 'missed' &&
    !(call.event === 'answered' && call.callId)
  )
    return;
  if (l.contactId || l.leadId) {
    const activity = {
      contactId: l.contactId,
      companyId: l.companyId,
      leadId: l.leadId,
      at: item.at ?? new Date(),
      body: item.text ?? null,
      data: {
        direction: call.direction ?? 'in',
        event: call.event,
        durationSec: call.durationSec ?? null,
        recordingUrl: call.recordingUrl ?? null,
        phone: from.phone ?? null,
        managerPhone: call.managerPhone ?? null,
        managerId: call.managerId ?? null,
        conversationId: l.conversationId,
      },
    };
    if (call.callId) await activities.upsertCallActivity(ctx, call.callId, activity);
    else await activities.writeActivity(ctx, { kind: 'call', ...activity });
  }
  if (call.event === 'missed') {
    const ru = (await workspaces.getWorkspace(ctx)).locale !== 'en';
    const who = from.name ?? from.phone ?? '';
    await activities.createTask(ctx, {
      kind: 'call',
      title: `${ru ? 'Перезвонить' : 'Call back'}: ${who}`.slice(0, 300),
      dueAt: new Date().toISOString(),
      ownerId: l.assigneeId ?? call.managerId ?? null,
      contactId: l.contactId,
      leadId: l.leadId,
    });
  }
}
