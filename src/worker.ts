import type { Db } from './platform/db/types.js';
import {
  enqueue,
  purgeFinishedJobs,
  startJobRunner,
  type JobRunner,
} from './platform/jobs/jobs.js';
import { domainEventJob } from './platform/events/events.js';
import { purgeExpired } from './modules/workspaces/jobs.js';
import { importChunk } from './modules/transfer/import-jobs.js';
import * as forms from './modules/forms/service.js';
import * as inbox from './modules/inbox/service.js';
import * as routing from './modules/routing/service.js';
import type { Runtime } from './runtime.js';
import * as documents from './modules/documents/service.js';
import * as activities from './modules/activities/service.js';
import * as calendar from './modules/calendar/service.js';
import * as booking from './modules/booking/service.js';
import * as automation from './modules/automation/service.js';
import * as messaging from './modules/messaging/service.js';
import * as money from './modules/money/service.js';
import * as privacy from './modules/privacy/service.js';
import * as analytics from './modules/analytics/service.js';
import { startTelegramPolling } from './channels/telegram/poller.js';
import { startImapPolling } from './channels/email/imap-poller.js';

// Every module's jobs, registered explicitly.
export const jobDefinitions = [
  purgeFinishedJobs,
  importChunk,
  purgeExpired,
  inbox.inboxSend,
  activities.attachRecording,
  forms.purgeFormRateCounters,
  routing.refitWorkspace,
  routing.refitAll,
  routing.telegramNotice,
  documents.documentSend,
  documents.documentConvert,
  documents.documentExport,
  calendar.remindJob,
  calendar.reminderMail,
  booking.bookingConfirm,
  domainEventJob,
  automation.automationAct,
  automation.automationMessage,
  automation.webhookDelivery,
  automation.webhookSend,
  automation.staleScanAll,
  automation.staleScanWorkspace,
  money.dunningScanAll,
  money.dunningScan,
  money.dunningStep,
  booking.bookingRemind,
  booking.bookingCancelMail,
  privacy.privacyExport,
  messaging.campaignFill,
  messaging.campaignBatch,
  analytics.rollupAll,
  analytics.rollupWorkspace,
  privacy.retentionRun,
  privacy.retentionRunAll,
];

type Log = (msg: string, err?: unknown) => void;

// The hourly job is keyed by its hour, so any number of workers enqueue it once.
async function scheduleHousekeeping(db: Db) {
  const hour = new Date().toISOString().slice(0, 13);
  await enqueue(db, purgeFinishedJobs, {}, { key: hour });
  await enqueue(db, purgeExpired, {}, { key: hour });
  await enqueue(db, forms.purgeFormRateCounters, {}, { key: hour });
  // Stale deals are looked for on every tick (10 minutes), keyed by the slot.
  const slot = new Date().toISOString().slice(0, 15);
  await enqueue(db, automation.staleScanAll, { slot }, { key: slot });
  // The funnel's daily aggregate: past days not yet stored or changed since (analytics/rollup.ts).
  await enqueue(db, analytics.rollupAll, { slot }, { key: slot });
  // The dunning ladder: each workspace's open invoices scanned hourly (a step fires once: its row).
  await enqueue(db, money.dunningScanAll, { hour }, { key: hour });
  // Priority weights are re-fitted from each workspace's outcomes once a day, at night (UTC).
  const day = hour.slice(0, 10);
  await enqueue(db, routing.refitAll, { day }, { key: day, runAt: new Date(`${day}T01:00:00Z`) });
  // Personal data past its retention rule erased, with a destruction act, once a day at night.
  await enqueue(
    db,
    privacy.retentionRunAll,
    { day },
    { key: day, runAt: new Date(`${day}T02:00:00Z`) },
  );
}

// A worker accepts (IMAP polling) and sends (inbox.send) for the inbox: it runs on the same runtime
// as the web process (src/runtime.ts: senders, sealer, event bus), built once per process.
export function startWorker(runtime: Runtime, log: Log): JobRunner {
  const { db, sealer } = runtime;
  const runner = startJobRunner(db, jobDefinitions, { log });
  // The SLA clock: routes new requests, warns, and acts on missed deadlines (routing/timers.ts).
  const leadTimers = routing.startLeadTimers(db, { log });
  // Bots set to long polling (mode: 'polling'); one process polls a channel at a time (its lease).
  const telegramPoller = startTelegramPolling(db, sealer, log);
  // Mailboxes of e-mail channels with an IMAP account, every minute (a lease per channel as well).
  const imapPoller = startImapPolling(db, sealer, log);
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
      await telegramPoller.stop();
      await imapPoller.stop();
      await runner.stop();
    },
  };
}
