import type { Ctx } from '../platform/context.js';
import { v7 } from 'uuid';
import * as inbox from '../modules/inbox/service.js';
import * as leads from '../modules/leads/service.js';

type ChannelKind = inbox.ChannelKind;

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

const demoChannels: inbox.SeedChannel[] = [
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

type Rows = {
  conversations: inbox.SeedConversation[];
  messages: inbox.SeedMessage[];
  reads: inbox.SeedConversationRead[];
};

// Channels once per workspace (found by their names on a second run), then a conversation with its
// messages for each request given: the client's message when it came, the manager's first answer
// when the request was answered, and sometimes the client's reply.
export async function seedInboxDemo(
  ctx: Ctx,
  requests: DemoRequest[],
): Promise<{ channels: Record<ChannelKind, string>; conversations: number; messages: number }> {
  const ids = {} as Record<ChannelKind, string>;
  for (const c of demoChannels) {
    // The first demo workspace takes the plain intake address; when another workspace holds it,
    // this one gets its own.
    const own = demoIntake(ctx.workspaceId, 1);
    const fallback = c.kind === 'email' ? { intakeAddress: own, fromAddress: own } : undefined;
    ids[c.kind] = await inbox.seedDemoChannel(ctx, c, fallback);
  }
  const rows: Rows = { conversations: [], messages: [], reads: [] };
  requests.forEach((r, k) => planConversation(ctx, ids, rows, r, k));
  // Each request keeps the conversation it was raised in (as intake sets it).
  const written = await inbox.seedConversations(ctx, rows.conversations);
  if (written.length)
    await leads.linkLeadConversations(
      ctx,
      written.map((c) => ({ leadId: c.leadId!, conversationId: c.conversationId })),
    );
  await inbox.seedMessages(ctx, rows);
  return {
    channels: ids,
    conversations: rows.conversations.length,
    messages: rows.messages.length,
  };
}

// Where the client wrote from, and the thread the channel files it under.
function addressOf(kind: ChannelKind, r: DemoRequest) {
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
  return { address, threadKey };
}

function planConversation(
  ctx: Ctx,
  ids: Record<ChannelKind, string>,
  rows: Rows,
  r: DemoRequest,
  k: number,
) {
  const kind = (r.channel in ids ? r.channel : 'web') as ChannelKind;
  const channelId = ids[kind];
  const conversationId = v7({ msecs: r.receivedAt.getTime() });
  const { address, threadKey } = addressOf(kind, r);
  const last = planMessages(ctx, rows, { r, k, kind, channelId, conversationId });
  const open = r.status === 'new' || r.status === 'in_work' || r.status === 'qualified';
  // Read state is each member's own: the manager who answered has read up to their answer (a client's
  // reply after it stays unread for them, as it would).
  const answer = rows.messages.find(
    (m) => m.conversationId === conversationId && m.direction === 'out',
  );
  if (answer && r.assigneeId)
    rows.reads.push({
      workspaceId: ctx.workspaceId,
      memberId: r.assigneeId,
      conversationId,
      lastReadMessageId: answer.id!,
      lastReadAt: answer.createdAt as Date,
    });
  rows.conversations.push({
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
}

// The client's message, the manager's answer and sometimes the client's reply; returns the time
// of the last.
function planMessages(
  ctx: Ctx,
  rows: Rows,
  c: { r: DemoRequest; k: number; kind: ChannelKind; channelId: string; conversationId: string },
): Date {
  const { r, k, kind, channelId, conversationId } = c;
  const base = { workspaceId: ctx.workspaceId, conversationId, channelId };
  rows.messages.push({
    ...base,
    id: v7({ msecs: r.receivedAt.getTime() + 1 }),
    direction: 'in',
    externalId: `demo:${r.id}:in`,
    text: r.message,
    sender: { name: r.contactName, phone: r.contactPhone, email: r.contactEmail },
    status: 'received',
    createdAt: r.receivedAt,
  });
  if (!r.firstRespondedAt || !r.assigneeId) return r.receivedAt;
  const at = r.firstRespondedAt;
  const id = v7({ msecs: at.getTime() });
  rows.messages.push({
    ...base,
    id,
    direction: 'out',
    externalId: `demo:${id}`,
    text: replies[kind] ?? replies.web!,
    status: 'sent',
    authorId: r.assigneeId,
    sentAt: at,
    createdAt: at,
  });
  if (k % 3 !== 0) return at;
  const back = new Date(at.getTime() + (7 + (k % 5) * 11) * 60_000);
  rows.messages.push({
    ...base,
    id: v7({ msecs: back.getTime() }),
    direction: 'in',
    externalId: `demo:${r.id}:back`,
    text: followUps[k % followUps.length]!,
    sender: { name: r.contactName },
    status: 'received',
    createdAt: back,
  });
  return back;
}
