import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import {
  named,
  noRows,
  readModel,
  selectList,
  type Named,
  type Selected,
} from '../../platform/db/read-model.js';
import { rowsOf } from '../../platform/db/rls.js';
import { newId } from '../../platform/ids.js';
import * as clients from '../clients/service.js';
import * as leads from '../leads/service.js';
import type { InboundItem } from './accept.js';
import { sanitiseHtml } from './content.js';
import {
  channels,
  conversations,
  messages,
  type Attachment,
  type ChannelKind,
  type MessageSender,
} from './tables.js';

// The one intake statement (the inbox owns it; DESIGN.md, "The intake statement"). Its pieces are
// read models, each named in a WITH item with its declared columns: the inbox's own (channel,
// repeat, conversation, message), crm's contact match (clients.contactByPoints) and leads' insert of
// the request it raises (leads.inboundLeadInsert), given expressions over the others' columns.

export type Conversation = {
  id: string;
  leadId: string | null;
  contactId: string | null;
  status: 'open' | 'closed';
  subject: string | null;
  clientName: string | null;
  assigneeId: string | null;
};
const conversationColumns = {
  id: 'uuid',
  leadId: 'uuid',
  contactId: 'uuid',
  status: 'text',
  subject: 'text',
  clientName: 'text',
  assigneeId: 'uuid',
};
const CONVERSATION_RETURNED = sql.raw(
  'c.id, c.lead_id, c.contact_id, c.status, c.subject, c.client_name, c.assignee_id',
);

export type Inbound = {
  item: InboundItem;
  from: MessageSender;
  messageId: string;
  attachments: Attachment[];
  at: Date;
  // The request raised with it, when the conversation has none (the inbox's rule: raisesLead).
  lead: Omit<leads.InboundLead, 'channel' | 'source' | 'contactId' | 'companyId'> | null;
};

// The channel; a message already stored under this external id (a provider's repeat: then nothing
// is written); else the conversation of (channel, thread), opened if there is none (on conflict it
// is the existing row, locked, even one a concurrent request just committed), or the one the item
// joins, and the message in it (on conflict nothing: a concurrent repeat got there first); the
// contact the client's points match (used when the conversation has none yet); and the request,
// raised when the conversation has none (a closed conversation whose request is finished is
// decided after, in accept.ts).
function intakeStatement(ctx: Ctx, s: Inbound) {
  const { ch, dup, conv } = conversationPieces(ctx, s);
  const client = named('client', clients.contactByPoints(ctx, clientPoints(s.from)));
  const msg = messagePiece(ctx, s, conv);
  const lead = named(
    'lead',
    s.lead
      ? leads.inboundLeadInsert(
          ctx,
          {
            ...s.lead,
            channel: ch.col.kind,
            source: sql`coalesce(${s.item.source ?? null}::text, ${ch.col.name})`,
            contactId: sql`coalesce(${conv.col.contactId}, ${client.col.id})`,
            companyId: sql`case when ${conv.col.contactId} is null then ${client.col.companyId} end`,
            conversationId: conv.col.id,
          },
          sql`${conv.ref} join ${msg.ref} on true join ${ch.ref} on true left join ${client.ref} on true where ${conv.col.leadId} is null`,
        )
      : noRows<leads.InsertedLead>({ lead: 'json' }),
  );
  const fields = {
    chKind: ch.col.kind,
    chName: ch.col.name,
    dupConversationId: dup.col.conversationId,
    dupLeadId: dup.col.leadId,
    dupContactId: dup.col.contactId,
    ...prefixed(conv.col),
    messageId: msg.col.id,
    clientId: client.col.id,
    clientCompanyId: client.col.companyId,
    lead: lead.col.lead,
  };
  const parts = [ch, dup, conv, client, msg, lead];
  const query = sql`with ${sql.join(
    parts.map((p) => p.with),
    sql`, `,
  )} select ${selectList(fields)} from (select 1) one ${sql.join(
    parts.map((p) => sql`left join ${p.ref} on true`),
    sql` `,
  )}`;
  return { query, fields };
}

// The inbox's own pieces: the channel, the repeat, the conversation.
function conversationPieces(ctx: Ctx, s: Inbound) {
  const { item, from } = s;
  const ws = ctx.workspaceId;
  const ch = named(
    'ch',
    readModel<{ id: string; kind: ChannelKind; name: string }>(
      { id: 'uuid', kind: 'text', name: 'text' },
      sql`select id, kind, name from ${channels} where workspace_id = ${ws} and id = ${item.channelId}`,
    ),
  );
  const dup = named(
    'dup',
    readModel<{ conversationId: string; leadId: string | null; contactId: string | null }>(
      { conversationId: 'uuid', leadId: 'uuid', contactId: 'uuid' },
      sql`select m.conversation_id, c.lead_id, c.contact_id
      from ${messages} m join ${conversations} c on c.workspace_id = m.workspace_id and c.id = m.conversation_id
      where m.workspace_id = ${ws} and m.channel_id = ${item.channelId} and m.direction = 'in' and m.external_id = ${item.externalId}
      limit 1`,
    ),
  );
  const address =
    from.phone ?? from.email ?? (from.handle ? `${from.handle.kind}:${from.handle.id}` : null);
  const conv = named(
    'conv',
    readModel<Conversation>(
      conversationColumns,
      item.conversationId
        ? sql`select ${CONVERSATION_RETURNED} from ${conversations} c
      where c.workspace_id = ${ws} and c.id = ${item.conversationId} and exists (select 1 from ${ch.ref}) and not exists (select 1 from ${dup.ref})
      for update`
        : sql`insert into ${conversations} as c (workspace_id, id, channel_id, kind, thread_key, client_name, client_address, subject, last_message_at)
      select ${ws}, ${newId()}, ${ch.col.id}, ${ch.col.kind}, ${item.threadKey}, ${from.name ?? null}, ${address}, ${item.subject?.slice(0, 500) ?? null}, ${s.at.toISOString()}::timestamptz
      from ${ch.ref} where not exists (select 1 from ${dup.ref})
      on conflict (workspace_id, channel_id, thread_key) do update set thread_key = excluded.thread_key
      returning ${CONVERSATION_RETURNED}`,
    ),
  );
  return { ch, dup, conv };
}

function messagePiece(ctx: Ctx, s: Inbound, conv: Named<Conversation>) {
  const { item, from } = s;
  const call = item.call ? { ...item.call, notify: undefined } : null;
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  return named(
    'msg',
    readModel<{ id: string }>(
      { id: 'uuid' },
      sql`insert into ${messages} (workspace_id, id, conversation_id, channel_id, direction, external_id, text, html, sender, attachments, call, status, created_at)
      select ${ctx.workspaceId}, ${s.messageId}, ${conv.col.id}, ${item.channelId}, 'in', ${item.externalId}, ${item.text?.slice(0, 100_000) ?? null}, ${sanitiseHtml(item.html)},
        ${json(from)}::jsonb, ${json(s.attachments)}::jsonb, ${json(call)}::jsonb, 'received', ${s.at.toISOString()}::timestamptz
      from ${conv.ref}
      on conflict do nothing
      returning id`,
    ),
  );
}

type IntakeRow = Selected<ReturnType<typeof intakeStatement>['fields']>;

const prefixed = <T extends Record<string, unknown>>(cols: T) =>
  Object.fromEntries(
    Object.entries(cols).map(([k, v]) => [`c${k[0]!.toUpperCase()}${k.slice(1)}`, v]),
  ) as { [K in keyof T & string as `c${Capitalize<K>}`]: T[K] };

// One round trip: the statement above, its row read into what accept.ts decides on.
export async function storeInbound(ctx: Ctx, s: Inbound) {
  const [r] = rowsOf<IntakeRow>(await ctx.tx.execute(intakeStatement(ctx, s).query));
  return {
    channel: r?.chKind ? { kind: r.chKind, name: r.chName! } : null,
    existing: r?.dupConversationId
      ? { conversationId: r.dupConversationId, leadId: r.dupLeadId, contactId: r.dupContactId }
      : null,
    conversation: r?.cId
      ? ({
          id: r.cId,
          leadId: r.cLeadId,
          contactId: r.cContactId,
          status: r.cStatus!,
          subject: r.cSubject,
          clientName: r.cClientName,
          assigneeId: r.cAssigneeId,
        } satisfies Conversation)
      : null,
    inserted: Boolean(r?.messageId),
    contact: r?.clientId ? { id: r.clientId, companyId: r.clientCompanyId } : null,
    lead: r?.lead ?? null,
  };
}

// The client is matched by their messenger id first (the most specific), then phone, then e-mail.
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
