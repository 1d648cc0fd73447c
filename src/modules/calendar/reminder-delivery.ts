import { PermanentJobError, defineJob, enqueue } from '../../platform/jobs/jobs.js';
import type { SystemMailer } from '../../platform/mail/system-mail.js';
import type { Ctx } from '../../platform/context.js';
import { z } from 'zod';
import * as inbox from '../inbox/service.js';
import * as routing from '../routing/service.js';
import * as workspaces from '../workspaces/service.js';

export type Reminder = {
  item: 'event' | 'task';
  id: string;
  title: string;
  ownerId: string;
  startsAt: string;
};

// The installation's mail (VORONKA_MAIL_URL), set by the runtime; none configured → no e-mail.
let mailer: SystemMailer | null = null;
export const useReminderMailer = (m: SystemMailer | null): void => {
  mailer = m;
};

export const reminderMail = defineJob({
  name: 'calendar.reminder-mail',
  payload: z.object({ to: z.string().max(254), subject: z.string().max(300), text: z.string() }),
  maxAttempts: 5,
  async run() {
    // Sent by perform (an SMTP exchange, outside any transaction).
  },
  async perform(_db, _workspaceId, mail) {
    if (!mailer) throw new PermanentJobError('no outgoing mail configured (VORONKA_MAIL_URL)');
    await mailer.send(mail);
  },
});

export function reminderText(r: Reminder, lng: 'ru' | 'en', timeZone: string): string {
  const when = new Intl.DateTimeFormat(lng === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(r.startsAt));
  const title = r.title.replace(/\s+/g, ' ').slice(0, 200);
  if (lng === 'ru')
    return r.item === 'task' ? `Напоминание: «${title}» — ${when}` : `Скоро: «${title}» — ${when}`;
  return r.item === 'task' ? `Reminder: "${title}" — ${when}` : `Coming up: "${title}" — ${when}`;
}

// The owner is told in the browser (the event stream: a desktop notification when the tab is in
// the background), and in Telegram when they linked it, else by e-mail. The jobs are keyed by the
// reminder, so a repeated run cannot queue a second message.
export async function deliverReminder(ctx: Ctx, r: Reminder, key: string): Promise<void> {
  await inbox.publish(
    ctx.workspaceId,
    {
      type: 'calendar.reminder',
      item: r.item,
      id: r.id,
      title: r.title,
      startsAt: r.startsAt,
      memberIds: [r.ownerId],
    },
    ctx.tx,
  );
  const ws = await workspaces.getWorkspace(ctx);
  const lng = ws.locale === 'en' ? 'en' : 'ru';
  const text = reminderText(r, lng, ws.timezone);
  const chat = (await routing.telegramChatsOf(ctx, [r.ownerId])).get(r.ownerId);
  if (chat) {
    await enqueue(
      ctx.tx,
      routing.telegramNotice,
      { ...chat, text },
      {
        workspaceId: ctx.workspaceId,
        key: `calendar:${key}`,
      },
    );
    return;
  }
  const owner = await workspaces.getUser(ctx, r.ownerId).catch(() => null);
  if (!owner) return;
  await enqueue(
    ctx.tx,
    reminderMail,
    { to: owner.email, subject: text.slice(0, 300), text: `${text}\n\nVoronka` },
    { workspaceId: ctx.workspaceId, key: `calendar:${key}` },
  );
}
