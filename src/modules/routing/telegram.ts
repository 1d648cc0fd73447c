import { and, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { defineJob, enqueue } from '../../platform/jobs/jobs.js';
import * as inbox from '../inbox/service.js';
import * as workspaces from '../workspaces/service.js';
import { memberAvailability } from './tables.js';

// Routing notices in a member's Telegram, through the workspace's own bot (a telegram channel).
// Linking: the member asks for a one-time code (30 minutes) and sends the bot "/start <code>" (the
// t.me link does it in one tap); the bot's intake recognises the code instead of raising a request
// and keeps the member's chat id. Notices then go as durable jobs alongside the browser's events.

const LINK_MINUTES = 30;
const CODE_PREFIX = 'vrk';

export async function startTelegramLink(
  ctx: Ctx,
  memberId: string,
  channelId: string,
): Promise<{ url: string | null; code: string; expiresAt: string }> {
  // What the request names must exist here first (404), then it must be one's own (403).
  await workspaces.getUser(ctx, memberId);
  const channel = await inbox.findWorkspaceChannel(ctx, channelId);
  if (!channel || channel.kind !== 'telegram')
    throw new DomainError('channel.not_found', 'telegram channel not found', {
      field: 'channelId',
    });
  if (ctx.actor.memberId !== memberId)
    throw new DomainError('auth.forbidden', 'only you can link your own Telegram');
  if (!channel.enabled)
    throw new DomainError('channel.disabled', 'the channel is switched off', {
      field: 'channelId',
    });
  const code = randomToken(CODE_PREFIX, 12);
  const expiresAt = new Date(Date.now() + LINK_MINUTES * 60_000);
  const link = {
    telegramChannelId: channelId,
    telegramLinkCode: hashToken(code),
    telegramLinkExpiresAt: expiresAt,
  };
  await ctx.tx
    .insert(memberAvailability)
    .values({ workspaceId: ctx.workspaceId, memberId, ...link })
    .onConflictDoUpdate({
      target: [memberAvailability.workspaceId, memberAvailability.memberId],
      set: { ...link, updatedAt: sql`now()` },
    });
  const bot =
    typeof channel.settings.botUsername === 'string'
      ? channel.settings.botUsername.replace(/^@/, '')
      : null;
  return {
    url: bot ? `https://t.me/${bot}?start=${code}` : null,
    code,
    expiresAt: expiresAt.toISOString(),
  };
}

// Called by the Telegram intake for "/start <payload>": true when the payload is a pending link
// code of this channel (the chat is then the member's), false for anything else (a client's /start).
export async function completeTelegramLink(
  ctx: Ctx,
  channelId: string,
  payload: string,
  chatId: string,
): Promise<boolean> {
  if (!payload.startsWith(CODE_PREFIX)) return false;
  const [row] = await ctx.tx
    .update(memberAvailability)
    .set({
      telegramChatId: chatId,
      telegramChannelId: channelId,
      telegramLinkCode: null,
      telegramLinkExpiresAt: null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(memberAvailability.workspaceId, ctx.workspaceId),
        eq(memberAvailability.telegramLinkCode, hashToken(payload)),
        eq(memberAvailability.telegramChannelId, channelId),
        gt(memberAvailability.telegramLinkExpiresAt, sql`now()`),
      ),
    )
    .returning({ memberId: memberAvailability.memberId });
  if (!row) return false;
  const ru = (await workspaces.getWorkspace(ctx)).locale !== 'en';
  await enqueue(
    ctx.tx,
    telegramNotice,
    {
      channelId,
      chatId,
      text: ru
        ? 'Готово: уведомления о заявках будут приходить сюда.'
        : 'Done: request notifications will come here.',
    },
    { workspaceId: ctx.workspaceId },
  );
  return true;
}

export async function unlinkTelegram(ctx: Ctx, memberId: string): Promise<void> {
  await workspaces.getUser(ctx, memberId);
  if (
    ctx.actor.memberId !== memberId &&
    ctx.actor.permissions &&
    !ctx.actor.permissions.routing?.update
  )
    throw new DomainError(
      'auth.forbidden',
      'only your own Telegram, or with the right to manage routing',
    );
  await ctx.tx
    .update(memberAvailability)
    .set({
      telegramChannelId: null,
      telegramChatId: null,
      telegramLinkCode: null,
      telegramLinkExpiresAt: null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(memberAvailability.workspaceId, ctx.workspaceId),
        eq(memberAvailability.memberId, memberId),
      ),
    );
}

export const telegramNotice = defineJob({
  name: 'routing.telegram-notice',
  payload: z.object({
    channelId: z.string().uuid(),
    chatId: z.string().max(64),
    text: z.string().max(4000),
  }),
  maxAttempts: 5,
  async run() {
    // Sent by perform (a call to Telegram, outside any transaction).
  },
  async perform(db, workspaceId, { channelId, chatId, text }) {
    await inbox.sendThroughChannel(db, workspaceId, channelId, chatId, text);
  },
});

type Notice = { type: string; memberIds: string[]; dueAt?: string };
type LeadText = { id: string; title: string | null; message: string | null };

// The same notice the browser gets, as a line of text, for every addressee who linked Telegram.
export async function noticeInTelegram(ctx: Ctx, event: Notice, lead: LeadText): Promise<void> {
  if (!event.memberIds.length) return;
  const targets = await ctx.tx
    .select({
      channelId: memberAvailability.telegramChannelId,
      chatId: memberAvailability.telegramChatId,
    })
    .from(memberAvailability)
    .where(
      and(
        eq(memberAvailability.workspaceId, ctx.workspaceId),
        inArray(memberAvailability.memberId, event.memberIds),
        isNotNull(memberAvailability.telegramChatId),
      ),
    );
  if (!targets.length) return;
  const ws = await workspaces.getWorkspace(ctx);
  const text = noticeText(event, lead, ws.locale === 'en' ? 'en' : 'ru', ws.timezone);
  if (!text) return;
  for (const t of targets)
    if (t.channelId && t.chatId)
      await enqueue(
        ctx.tx,
        telegramNotice,
        { channelId: t.channelId, chatId: t.chatId, text },
        { workspaceId: ctx.workspaceId },
      );
}

export function noticeText(
  event: Notice,
  lead: LeadText,
  lng: 'ru' | 'en',
  timeZone: string,
): string | null {
  const subject =
    (lead.title || lead.message || '').replace(/\s+/g, ' ').slice(0, 120) ||
    (lng === 'ru' ? 'без темы' : 'no subject');
  const time = event.dueAt
    ? new Intl.DateTimeFormat(lng === 'ru' ? 'ru-RU' : 'en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(event.dueAt))
    : null;
  const ru: Record<string, string> = {
    'routing.assigned': `Вам новая заявка: «${subject}»`,
    'routing.warning': `Скоро срок ответа${time ? ` (до ${time})` : ''}: «${subject}»`,
    'routing.reassigned': `Заявка «${subject}» передана другому: срок ответа пропущен`,
    'routing.escalated': `Вам передана заявка «${subject}»: менеджеры не ответили вовремя`,
    'routing.breach': `Пропущен срок ответа по заявке «${subject}»`,
    'routing.queued': `Заявка «${subject}» ждёт в очереди: сейчас никто не может её взять`,
    'routing.stuck': `Маршрутизация заявки «${subject}» остановилась после повторных ошибок: назначьте её вручную`,
  };
  const en: Record<string, string> = {
    'routing.assigned': `New request for you: "${subject}"`,
    'routing.warning': `Response due soon${time ? ` (by ${time})` : ''}: "${subject}"`,
    'routing.reassigned': `Request "${subject}" was passed on: the response deadline was missed`,
    'routing.escalated': `Request "${subject}" is yours: managers did not answer in time`,
    'routing.breach': `Response deadline missed: "${subject}"`,
    'routing.queued': `Request "${subject}" is waiting in the queue: no one can take it now`,
    'routing.stuck': `Routing of request "${subject}" stopped after repeated errors: assign it by hand`,
  };
  return (lng === 'ru' ? ru : en)[event.type] ?? null;
}

// The Telegram chats of those members who linked one (the calendar's reminders go there too).
export async function telegramChatsOf(
  ctx: Ctx,
  memberIds: string[],
): Promise<Map<string, { channelId: string; chatId: string }>> {
  if (!memberIds.length) return new Map();
  const rows = await ctx.tx
    .select({
      memberId: memberAvailability.memberId,
      channelId: memberAvailability.telegramChannelId,
      chatId: memberAvailability.telegramChatId,
    })
    .from(memberAvailability)
    .where(
      and(
        eq(memberAvailability.workspaceId, ctx.workspaceId),
        inArray(memberAvailability.memberId, memberIds),
        isNotNull(memberAvailability.telegramChatId),
      ),
    );
  return new Map(
    rows.flatMap((r) =>
      r.channelId && r.chatId ? [[r.memberId, { channelId: r.channelId, chatId: r.chatId }]] : [],
    ),
  );
}
