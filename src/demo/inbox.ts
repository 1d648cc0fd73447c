import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../platform/context.js';
import { randomToken } from '../platform/crypto.js';
import { newId } from '../platform/ids.js';
import { v7 } from 'uuid';
import * as leads from '../modules/leads/service.js';
import {
  channels,
  conversationReads,
  conversations,
  messages,
  type ChannelKind,
} from '../modules/inbox/tables.js';

// The demo department's ways in and the conversations behind its requests. Every demo channel is a
// stand-in (`settings.demo`): it has no provider account, nothing polls or calls out for it, and a
// reply sent through it is recorded as sent without leaving the server (send.ts) — the demo shows
// the whole path without spamming errors or reaching anybody. Connecting a real account (editing the
// channel's settings) drops the flag; the API never sets it.

export const DEMO_INTAKE = 'sales@demo.voronka.local';
// An intake address belongs to one workspace in the installation (channels.ts): every demo workspace
// after the first (`voronka seed --demo` into another) gets its own, marked with its id.
const demoIntake = (workspaceId: string, n: number) =>
  n === 0 ? DEMO_INTAKE : `sales.${workspaceId.slice(-8)}@demo.voronka.local`;
const isUniqueViolation = (err: unknown) =>
  ((err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code) ===
  '23505';

const demoChannels: { kind: ChannelKind; name: string; settings: Record<string, unknown> }[] = [
  { kind: 'web', name: 'Сайт: форма «Рассчитать стоимость»', settings: { allowedDomains: [] } },
  {
    kind: 'email',
    name: 'Почта sales@',
    settings: { intakeAddress: DEMO_INTAKE, fromAddress: DEMO_INTAKE },
  },
  { kind: 'telegram', name: 'Telegram-бот', settings: { botUsername: 'voronka_demo_bot' } },
  { kind: 'vk', name: 'Сообщество ВКонтакте', settings: {} },
  { kind: 'whatsapp', name: 'WhatsApp Business', settings: {} },
  { kind: 'phone', name: 'Телефония: основной номер', settings: { provider: 'generic' } },
];

export type DemoRequest = {
  id: string;
  channel: string;
  title: string;
  message: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  status: string;
  assigneeId: string | null;
  contactId: string | null;
  receivedAt: Date;
  firstRespondedAt: Date | null;
};

// What the manager answered first, by channel.
const replies: Record<string, string> = {
  web: 'Здравствуйте! Спасибо за заявку. Подготовлю расчёт и отправлю сегодня; уточните, пожалуйста, удобное время для звонка.',
  email: 'Добрый день! Письмо получили, коммерческое предложение направим до конца дня.',
  telegram: 'Здравствуйте! Да, есть в наличии. Сейчас пришлю варианты и цены.',
  vk: 'Добрый день! Да, доставляем. Напишите, пожалуйста, телефон — менеджер перезвонит.',
  whatsapp: 'Здравствуйте! Отправляю прайс, если будут вопросы — пишите сюда.',
  phone: 'Перезвонили клиенту, договорились отправить предложение на почту.',
};
const followUps = [
  'Спасибо, жду.',
  'Отлично, договорились.',
  'Получил, изучаю. Вернусь с вопросами.',
];

// Channels once per workspace (found by their names on a second run), then a conversation with its
// messages for each request given: the client's message when it came, the manager's first answer
// when the request was answered, and sometimes the client's reply.
export async function seedInboxDemo(
  ctx: Ctx,
  requests: DemoRequest[],
): Promise<{ channels: Record<ChannelKind, string>; conversations: number; messages: number }> {
  const ids = {} as Record<ChannelKind, string>;
  for (const c of demoChannels) {
    const [found] = await ctx.tx
      .select({ id: channels.id })
      .from(channels)
      .where(
        and(
          eq(channels.workspaceId, ctx.workspaceId),
          eq(channels.kind, c.kind),
          eq(channels.name, c.name),
        ),
      );
    ids[c.kind] = found?.id ?? newId();
    if (found) continue;
    const insert = (tx: Ctx['tx'], extra: Record<string, unknown> = {}) =>
      tx.insert(channels).values({
        workspaceId: ctx.workspaceId,
        id: ids[c.kind],
        kind: c.kind,
        name: c.name,
        settings: { ...c.settings, ...extra, demo: true },
        publicKey: randomToken('', 24),
      });
    if (c.kind !== 'email') {
      await insert(ctx.tx);
      continue;
    }
    // The first demo workspace takes the plain address; when another workspace holds it (the unique
    // index refuses, inside a savepoint), this one gets its own.
    const own = demoIntake(ctx.workspaceId, 1);
    await ctx.tx
      .transaction((sp) => insert(sp))
      .catch(async (err: unknown) => {
        if (!isUniqueViolation(err)) throw err;
        await insert(ctx.tx, { intakeAddress: own, fromAddress: own });
      });
  }
  const convRows: (typeof conversations.$inferInsert)[] = [];
  const msgRows: (typeof messages.$inferInsert)[] = [];
  const readRows: (typeof conversationReads.$inferInsert)[] = [];
  requests.forEach((r, k) => {
    const kind = (r.channel in ids ? r.channel : 'web') as ChannelKind;
    const channelId = ids[kind];
    const conversationId = v7({ msecs: r.receivedAt.getTime() });
    const address =
      kind === 'email'
        ? r.contactEmail
        : kind === 'web'
          ? (r.contactEmail ?? r.contactPhone)
          : r.contactPhone;
    const threadKey =
      kind === 'email'
        ? `<demo.${r.id}@${(r.contactEmail ?? 'mail.example').split('@')[1]}>`
        : kind === 'phone'
          ? (r.contactPhone ?? `demo:${r.id}`)
          : kind === 'web'
            ? r.id
            : `demo:${r.id}`;
    const inbound = {
      workspaceId: ctx.workspaceId,
      id: v7({ msecs: r.receivedAt.getTime() + 1 }),
      conversationId,
      channelId,
      direction: 'in' as const,
      externalId: `demo:${r.id}:in`,
      text: r.message,
      sender: { name: r.contactName, phone: r.contactPhone, email: r.contactEmail },
      status: 'received' as const,
      createdAt: r.receivedAt,
    };
    msgRows.push(inbound);
    let last = r.receivedAt;
    if (r.firstRespondedAt && r.assigneeId) {
      const at = r.firstRespondedAt;
      const id = v7({ msecs: at.getTime() });
      msgRows.push({
        workspaceId: ctx.workspaceId,
        id,
        conversationId,
        channelId,
        direction: 'out',
        externalId: `demo:${id}`,
        text: replies[kind] ?? replies.web!,
        status: 'sent',
        authorId: r.assigneeId,
        sentAt: at,
        createdAt: at,
      });
      last = at;
      if (k % 3 === 0) {
        const back = new Date(at.getTime() + (7 + (k % 5) * 11) * 60_000);
        msgRows.push({
          workspaceId: ctx.workspaceId,
          id: v7({ msecs: back.getTime() }),
          conversationId,
          channelId,
          direction: 'in',
          externalId: `demo:${r.id}:back`,
          text: followUps[k % followUps.length]!,
          sender: { name: r.contactName },
          status: 'received',
          createdAt: back,
        });
        last = back;
      }
    }
    const open = r.status === 'new' || r.status === 'in_work' || r.status === 'qualified';
    // Read state is each member's own: the manager who answered has read up to their answer (a client's
    // reply after it stays unread for them, as it would).
    const answer = msgRows.find(
      (m) => m.conversationId === conversationId && m.direction === 'out',
    );
    if (answer && r.assigneeId)
      readRows.push({
        workspaceId: ctx.workspaceId,
        memberId: r.assigneeId,
        conversationId,
        lastReadMessageId: answer.id!,
        lastReadAt: answer.createdAt as Date,
      });
    convRows.push({
      workspaceId: ctx.workspaceId,
      id: conversationId,
      channelId,
      kind,
      threadKey,
      contactId: r.contactId,
      leadId: r.id,
      subject: r.title,
      clientName: r.contactName,
      clientAddress: address,
      status: open ? 'open' : 'closed',
      assigneeId: r.assigneeId,
      lastMessageAt: last,
      createdAt: r.receivedAt,
    });
  });
  // Each request keeps the conversation it was raised in (as intake sets it).
  if (convRows.length)
    await leads.linkLeadConversations(
      ctx,
      (
        await ctx.tx
          .insert(conversations)
          .values(convRows)
          .onConflictDoNothing()
          .returning({ leadId: conversations.leadId, conversationId: conversations.id })
      ).map((c) => ({ leadId: c.leadId!, conversationId: c.conversationId })),
    );
  if (msgRows.length) await ctx.tx.insert(messages).values(msgRows).onConflictDoNothing();
  if (readRows.length)
    await ctx.tx.insert(conversationReads).values(readRows).onConflictDoNothing();
  return { channels: ids, conversations: convRows.length, messages: msgRows.length };
}
