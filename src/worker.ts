import type { Db } from './platform/db/types.js';
import { enqueue, startJobRunner, type JobRunner } from './platform/jobs/jobs.js';
import { purgeExpired } from './modules/workspaces/jobs.js';
import { importChunk } from './modules/crm/import-jobs.js';
import * as forms from './modules/forms/service.js';
import * as crm from './modules/crm/service.js';
import * as leads from './modules/leads/service.js';
import * as inbox from './modules/inbox/service.js';
import * as routing from './modules/routing/service.js';
import * as documents from './modules/documents/service.js';
import { attachRecording } from './channels/telephony/accept-call.js';
import { startTelegramPolling } from './channels/telegram/poller.js';
import { sendTelegram } from './channels/telegram/outbound.js';
import { sendVk } from './channels/vk/outbound.js';
import { sendWhatsApp } from './channels/whatsapp/outbound.js';
import { startImapPolling } from './channels/email/imap-poller.js';
import { allowPrivateMailHosts } from './channels/email/mail-host.js';
import { setFileLimits, type FileLimits } from './platform/files/limits.js';
import { sendEmail } from './channels/email/outbound.js';
import type { Sealer } from './platform/crypto.js';

// Every module's jobs, registered explicitly.
export const jobDefinitions = [
  importChunk,
  purgeExpired,
  inbox.inboxSend,
  attachRecording,
  forms.purgeFormRateCounters,
  routing.refitWorkspace,
  routing.refitAll,
  routing.telegramNotice,
  documents.documentSend,
];

type Log = (msg: string, err?: unknown) => void;

// The hourly job is keyed by its hour, so any number of workers enqueue it once.
async function scheduleHousekeeping(db: Db) {
  const hour = new Date().toISOString().slice(0, 13);
  await enqueue(db, purgeExpired, {}, { workspaceId: null, key: hour });
  await enqueue(db, forms.purgeFormRateCounters, {}, { workspaceId: null, key: hour });
  // Priority weights are re-fitted from each workspace's outcomes once a day, at night (UTC).
  const day = hour.slice(0, 10);
  await enqueue(
    db,
    routing.refitAll,
    { day },
    { workspaceId: null, key: day, runAt: new Date(`${day}T01:00:00Z`) },
  );
}

// A worker accepts (IMAP polling) and sends (inbox.send) for the inbox: it needs the same wiring as
// the web process. Channel senders are registered here too (inbox.registerSender).
export function startWorker(
  db: Db,
  log: Log,
  opts: { sealer?: Sealer; mailPrivateHosts?: boolean; fileLimits?: FileLimits } = {},
): JobRunner {
  crm.setLeadsPort(leads);
  inbox.setEventDatabase(db);
  if (opts.sealer) inbox.setInboxSealer(opts.sealer);
  allowPrivateMailHosts(opts.mailPrivateHosts ?? false);
  if (opts.fileLimits) setFileLimits(opts.fileLimits);
  inbox.registerSender('email', sendEmail);
  inbox.registerSender('telegram', sendTelegram);
  inbox.registerSender('vk', sendVk);
  inbox.registerSender('whatsapp', sendWhatsApp);
  const runner = startJobRunner(db, jobDefinitions, { log });
  // The SLA clock: routes new requests, warns, and acts on missed deadlines (routing/timers.ts).
  const leadTimers = routing.startLeadTimers(db, { log });
  // Bots set to long polling (mode: 'polling'); one process polls a channel at a time (its lease).
  const telegramPoller = opts.sealer ? startTelegramPolling(db, opts.sealer, log) : null;
  // Mailboxes of e-mail channels with an IMAP account, every minute (a lease per channel as well).
  const imapPoller = opts.sealer ? startImapPolling(db, opts.sealer, log) : null;
  const tick = () => scheduleHousekeeping(db).catch((err) => log('scheduling failed', err));
  void tick();
  const timer = setInterval(tick, 10 * 60 * 1000);
  timer.unref();
  return {
    async drain() {
      let total = 0;
      // Timers may enqueue jobs and jobs may raise requests: until both are quiet.
      for (let n = -1; n !== 0;) {
        n = (await leadTimers.drain()) + (await runner.drain());
        total += n;
      }
      return total;
    },
    async stop() {
      await leadTimers.stop();
      clearInterval(timer);
      await telegramPoller?.stop();
      await imapPoller?.stop();
      await runner.stop();
    },
  };
}
