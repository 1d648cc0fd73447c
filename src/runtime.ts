import type { Config } from './platform/config.js';
import { createSealer, loadSecret } from './platform/crypto.js';
import type { Database } from './platform/db/client.js';
import { setFileLimits } from './platform/files/limits.js';
import { EventBus } from './platform/realtime/bus.js';
import { auditTitles } from './audit-titles.js';
import type { ModuleDeps } from './modules/deps.js';
import * as activities from './modules/activities/service.js';
import * as automation from './modules/automation/service.js';
import * as calculator from './modules/calculator/service.js';
import * as calendar from './modules/calendar/service.js';
import { createSystemMailer } from './platform/mail/system-mail.js';
import * as clients from './modules/clients/service.js';
import * as documents from './modules/documents/service.js';
import * as messaging from './modules/messaging/service.js';
import * as money from './modules/money/service.js';
import * as privacy from './modules/privacy/service.js';
import * as inbox from './modules/inbox/service.js';
import * as leads from './modules/leads/service.js';
import * as workspaces from './modules/workspaces/service.js';
import { allowPrivateMailHosts } from './channels/email/mail-host.js';
import { sendEmail } from './channels/email/outbound.js';
import { sendTelegram } from './channels/telegram/outbound.js';
import { sendVk } from './channels/vk/outbound.js';
import { sendWhatsApp } from './channels/whatsapp/outbound.js';

// What one process runs on, built in one place (here) for the web process (app.ts) and the worker
// (worker.ts) alike — `voronka start` builds one and hands it to both. Routes receive it as their
// ModuleDeps; jobs and use cases reach its parts through the ports installed below, which nothing
// else sets.
export type Runtime = ModuleDeps & {
  database: Database;
  // The channels' ways out, by kind (inbox.send and routing's notices use them).
  senders: Map<inbox.ChannelKind, inbox.Sender>;
  // crm relinks leads on a merge (crm cannot import leads: leads depends on crm).
  leads: clients.LeadsPort;
  // Whether IMAP/SMTP hosts on private networks are allowed (VORONKA_MAIL_PRIVATE_HOSTS).
  mailPrivateHosts: boolean;
};

export function createRuntime(config: Config, database: Database): Runtime {
  const runtime: Runtime = {
    config,
    database,
    db: database.db,
    sealer: createSealer(loadSecret(config.secret, config.dataDir)),
    events: new EventBus(database.db),
    senders: new Map<inbox.ChannelKind, inbox.Sender>([
      ['email', sendEmail],
      ['telegram', sendTelegram],
      ['vk', sendVk],
      ['whatsapp', sendWhatsApp],
    ]),
    leads,
    mailPrivateHosts: config.mailPrivateHosts,
  };
  install(runtime);
  return runtime;
}

// The process-wide ports, set only here.
function install(runtime: Runtime): void {
  // What uploads and e-mail may unpack into, for every reader in this process.
  setFileLimits(runtime.config.fileLimits);
  allowPrivateMailHosts(runtime.mailPrivateHosts);
  clients.setLeadsPort(runtime.leads);
  // A timeline tells the whole story: requests (leads) and their conversations' messages (inbox).
  activities.addTimelineSource(leads.requestEntries);
  activities.addTimelineSource(inbox.messageEntries);
  // …and what automation rules did on a deal or request.
  activities.addTimelineSource(automation.runEntries);
  // A converted request's conversations follow it to the contact it became.
  leads.onLeadConverted(inbox.linkConversationsOfLead);
  // The audit log names records of every module (workspaces cannot import them: cycle).
  workspaces.setAuditTitlesPort(auditTitles);
  // The inbox announces on the bus, sends through the senders, opens channel secrets with the sealer.
  inbox.useInboxRuntime(runtime);
  // A call's recording waits for the call's final event, which the inbox stores (activities/call-recordings.ts).
  activities.useCallLog(async (ctx, channelId, externalId) =>
    Boolean(await inbox.findThreadKey(ctx, channelId, [externalId])),
  );
  // An issued invoice warns when the client's debt passes their credit limit (money counts it).
  documents.useIssueWarnings(money.invoiceIssueWarnings);
  // A quote or invoice with a discount beyond the issuer's limit needs an approval (calculator).
  documents.useIssueGuard(calculator.discountIssueGuard);
  // Reminders fall back to the installation's mail for members without Telegram.
  calendar.useReminderMailer(createSystemMailer(runtime.config));
  // Rules' webhook secrets are sealed at rest.
  automation.useAutomationSealer(runtime.sealer);
  // Campaign letters carry a signed one-click unsubscribe link; a withdrawal goes into privacy's
  // consent log (privacy comes after messaging in the module order, so it is wired here).
  messaging.useCampaignRuntime({
    sealer: runtime.sealer,
    publicUrl: runtime.config.publicUrl,
    withdrawConsent: async (ctx, contactId, note) => {
      await privacy.recordConsent(ctx, contactId, {
        kind: 'withdrawn',
        purpose: 'marketing',
        text: note,
        source: 'unsubscribe',
      });
    },
  });
  // Dunning reminders carry the invoice PDF's signed link (the same one a sent document carries).
  money.useInvoiceLinks(
    (workspaceId, id) =>
      `${runtime.config.publicUrl}/api/public/documents/${id}/pdf?token=${encodeURIComponent(
        documents.signDocumentLink(runtime.sealer, workspaceId, id),
      )}`,
  );
}
