import fs from 'node:fs';
import { systemCtx, type Ctx } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import { fileLimits } from '../../platform/files/limits.js';
import * as inbox from '../../modules/inbox/service.js';
import { parseEmail, type ParsedEmail } from './parse-email.js';
import { startSmtpListener, type SmtpIntake, type SmtpListener } from './smtp-listener.js';

// E-mail into the inbox: find the channel an address belongs to, thread the message, accept it.
// Channel settings read here: `intakeAddress` (the address Voronka's SMTP listener answers for).

export type EmailChannelRef = { workspaceId: string; id: string };

// The channel an envelope recipient delivers to: `<channel public key>@any host` (an address nobody
// else can claim, looked up first so no intake address can shadow it), else the enabled channel
// whose intake address it is; an address belongs to one channel across the installation
// (channels_intake_address_uq), and a disabled channel's address is refused (550).
export async function findIntakeChannel(db: Db, address: string): Promise<EmailChannelRef | null> {
  const local = address.split('@')[0] ?? '';
  const byKey = local ? await inbox.findChannelByKey(db, 'email', local) : null;
  if (byKey) return { workspaceId: byKey.workspaceId, id: byKey.id };
  const byAddress = await inbox.findChannelByIntakeAddress(db, address);
  return byAddress ? { workspaceId: byAddress.workspaceId, id: byAddress.id } : null;
}

// One message for one or more channels; each channel's acceptance commits on its own, and a
// repeat (the sender retrying after a failure part-way) is a duplicate where it was already stored.
// A channel switched off since its address was looked up (the listener remembers recipients for a
// few seconds) receives nothing; when no recipient is left the message is refused with 550.
export async function acceptEmail(
  db: Db,
  recipients: EmailChannelRef[],
  raw: Buffer,
  mailFrom: string | null,
): Promise<void> {
  const parsed = await parseEmail(raw, { mailFrom });
  const seen = new Set<string>();
  let delivered = 0;
  for (const r of recipients) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const ok = await inWorkspace(db, r.workspaceId, async (tx) => {
      const ctx = emailCtx(tx, r.workspaceId);
      if (!(await inbox.findWorkspaceChannel(ctx, r.id))?.enabled) return false;
      await acceptParsed(ctx, r.id, parsed);
      return true;
    });
    if (ok) delivered++;
  }
  if (!delivered)
    throw Object.assign(new Error('5.1.1 the mailbox is disabled'), { responseCode: 550 });
}

export const emailCtx = (tx: Ctx['tx'], workspaceId: string): Ctx =>
  systemCtx(tx, workspaceId, { requestId: 'email' });

// Threading: a reply joins the conversation holding the message it answers (any of In-Reply-To or
// References, nearest first, ours or the client's) — also one of another channel, when our message
// was a reply by e-mail to a website request; anything else opens one keyed by the thread's root
// Message-ID. Auto-replies, bounces and bulk mail are stored in their thread but raise no request.
export async function acceptParsed(
  ctx: Ctx,
  channelId: string,
  m: ParsedEmail,
  at?: Date,
): Promise<inbox.Accepted> {
  // A message answering nothing is its own thread's root: acceptInbound finds or opens it.
  const found = m.parents.length
    ? await inbox.findThread(ctx, channelId, [...m.parents, m.rootId])
    : null;
  return inbox.acceptInbound(ctx, {
    channelId,
    threadKey: found?.threadKey ?? m.rootId,
    conversationId: found && found.channelId !== channelId ? found.conversationId : undefined,
    externalId: m.externalId,
    text: m.text,
    html: m.html,
    subject: m.subject,
    from: { name: m.from.name, email: m.from.email },
    attachments: m.attachments,
    at,
    noLead: m.automatic !== null,
  });
}

// The SMTP listener's view of the database. A known recipient is remembered for a few seconds (a
// sending server delivers a burst to one address); an unknown one is looked up every time, so a
// channel added a moment ago receives at once.
export function smtpIntake(db: Db, rememberMs = 10_000): SmtpIntake<EmailChannelRef> {
  const known = new Map<string, { ref: EmailChannelRef; until: number }>();
  return {
    findRecipient: async (address) => {
      const hit = known.get(address);
      if (hit && hit.until > Date.now()) return hit.ref;
      const ref = await findIntakeChannel(db, address);
      if (known.size > 10_000) known.clear();
      if (ref) known.set(address, { ref, until: Date.now() + rememberMs });
      else known.delete(address);
      return ref;
    },
    accept: (recipients, raw, mailFrom) => acceptEmail(db, recipients, raw, mailFrom),
  };
}

// The largest message the listener takes (announced as SIZE; a bigger one gets 552) is
// VORONKA_EMAIL_MAX_MB, read when the listener starts.
export type SmtpIntakeOptions = {
  host: string;
  port: number;
  tls: { keyFile: string; certFile: string } | null;
  name?: string;
  log?: (msg: string, err?: unknown) => void;
};

export async function startSmtpIntake(db: Db, opts: SmtpIntakeOptions): Promise<SmtpListener> {
  const tls = opts.tls
    ? { key: fs.readFileSync(opts.tls.keyFile), cert: fs.readFileSync(opts.tls.certFile) }
    : null;
  return startSmtpListener({
    host: opts.host,
    port: opts.port,
    maxBytes: fileLimits().maxEmailBytes,
    intake: smtpIntake(db),
    tls,
    name: opts.name,
    log: opts.log,
  });
}
