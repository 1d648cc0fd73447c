import { ImapFlow } from 'imapflow';
import type { Sealer } from '../../platform/crypto.js';
import { databaseIsDown, outageReporter } from '../../platform/db/outage.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import * as inbox from '../../modules/inbox/service.js';
import { fileLimits } from '../../platform/files/limits.js';
import { acceptParsed, emailCtx } from './inbound.js';
import { checkMailHost } from './mail-host.js';
import { parseEmail } from './parse-email.js';

// IMAP polling for teams that keep their mail provider. Channel settings: imapHost, imapPort
// (993), imapSecure (default: port 993; otherwise STARTTLS when offered), imapUser, imapMailbox
// (INBOX); secret imapPassword. The mailbox is opened read-only (EXAMINE): Voronka never marks,
// moves or deletes the team's mail.
//
// The cursor (channels.cursor.imap) is the mailbox's UIDVALIDITY and the last UID stored, saved in
// the same transaction as each message: a restart resumes after the last stored message, never
// re-imports nor skips one. A new UIDVALIDITY (the mailbox was rebuilt) rescans from the day
// before the last stored message, and Message-ID dedup absorbs the overlap. The first poll of a
// mailbox takes what arrived since the day before the channel was created, not years of history.

const DAY = 24 * 60 * 60 * 1000;
const BATCH = 200;
const LEASE_SECONDS = 300;

export type ImapAccount = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
};
type Cursor = { account: string; uidValidity: string; lastUid: number; lastAt: string | null };
export type PollResult = {
  status: 'busy' | 'done';
  imported: number;
  duplicates: number;
  more: boolean;
};

export function imapAccount(
  settings: Record<string, unknown>,
  secrets: Record<string, string>,
): ImapAccount | null {
  const s = (k: string) =>
    typeof settings[k] === 'string'
      ? (settings[k] as string).trim()
      : typeof settings[k] === 'number'
        ? String(settings[k])
        : '';
  const host = s('imapHost');
  const user = s('imapUser');
  if (!host || !user || !secrets.imapPassword) return null;
  const port = /^\d+$/.test(s('imapPort')) ? Number(s('imapPort')) : 993;
  const secure =
    settings.imapSecure === true || settings.imapSecure === 'true'
      ? true
      : settings.imapSecure === false || settings.imapSecure === 'false'
        ? false
        : port === 993;
  return {
    host,
    port,
    secure,
    user,
    password: secrets.imapPassword,
    mailbox: s('imapMailbox') || 'INBOX',
  };
}

// One poll of one channel: takes its lease (another worker polling it → 'busy'), imports up to
// BATCH new messages in UID order, releases the lease. `more` says a full batch was taken.
export async function pollImapChannel(
  db: Db,
  sealer: Sealer,
  channel: inbox.ChannelRow,
  opts: { now?: Date; isStopping?: () => boolean } = {},
): Promise<PollResult> {
  const now = opts.now ?? new Date();
  const stored = await inbox.claimChannelPoll(db, channel.workspaceId, channel.id, LEASE_SECONDS);
  if (!stored) return { status: 'busy', imported: 0, duplicates: 0, more: false };
  try {
    const account = imapAccount(channel.settings, inbox.openChannelSecrets(sealer, channel));
    if (!account)
      throw new Error(
        'the channel has no complete IMAP account (imapHost, imapUser, imapPassword)',
      );
    const result = await pollAccount(
      db,
      channel,
      account,
      stored.imap as Cursor | undefined,
      now,
      opts.isStopping ?? (() => false),
    );
    if (stored.imapError) await saveCursor(db, channel, { imapError: null });
    return result;
  } catch (err) {
    await saveCursor(db, channel, {
      imapError: String((err as Error)?.message ?? err).slice(0, 500),
      imapErrorAt: now.toISOString(),
    }).catch(() => undefined);
    throw err;
  } finally {
    await inbox.releaseChannelPoll(db, channel.workspaceId, channel.id);
  }
}

const saveCursor = (db: Db, channel: inbox.ChannelRow, patch: Record<string, unknown>) =>
  inWorkspace(db, channel.workspaceId, (tx) =>
    inbox.saveChannelCursor(emailCtx(tx, channel.workspaceId), channel.id, patch),
  );

async function pollAccount(
  db: Db,
  channel: inbox.ChannelRow,
  account: ImapAccount,
  cursor: Cursor | undefined,
  now: Date,
  isStopping: () => boolean,
): Promise<PollResult> {
  const host = await checkMailHost(account.host);
  const client = new ImapFlow({
    host: host.address,
    servername: host.servername,
    port: account.port,
    secure: account.secure,
    auth: { user: account.user, pass: account.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
  client.on('error', () => undefined); // a dropped socket surfaces as the failing command's error
  await client.connect();
  try {
    const lock = await client.getMailboxLock(account.mailbox, { readOnly: true });
    try {
      const accountKey = `${account.user}@${account.host}:${account.port}/${account.mailbox}`;
      const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : '');
      const pending = await newMessages(
        client,
        startFrom(channel, cursor, accountKey, uidValidity, now),
      );
      let imported = 0;
      let duplicates = 0;
      for (const m of pending.slice(0, BATCH)) {
        if (isStopping()) return { status: 'done', imported, duplicates, more: true };
        const outcome = await importOne(db, client, channel, m, {
          account: accountKey,
          uidValidity,
          lastUid: m.uid,
          lastAt: m.at.toISOString(),
        });
        if (outcome === 'imported') imported++;
        else if (outcome === 'duplicate') duplicates++;
      }
      return { status: 'done', imported, duplicates, more: pending.length > BATCH };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

type Start = { afterUid: number } | { since: Date };

function startFrom(
  channel: inbox.ChannelRow,
  cursor: Cursor | undefined,
  account: string,
  uidValidity: string,
  now: Date,
): Start {
  if (cursor?.account === account && cursor.uidValidity === uidValidity)
    return { afterUid: cursor.lastUid };
  if (cursor?.account === account && cursor.lastAt)
    return { since: new Date(Date.parse(cursor.lastAt) - DAY) };
  if (cursor?.account) return { since: new Date(now.getTime() - DAY) };
  return { since: new Date(channel.createdAt.getTime() - DAY) };
}

type Pending = { uid: number; size: number; at: Date };

// UIDs after the cursor (or received since a date), oldest first. "n:*" always matches the highest
// UID even when it is below n, hence the filter.
async function newMessages(client: ImapFlow, start: Start): Promise<Pending[]> {
  const range =
    'afterUid' in start
      ? `${start.afterUid + 1}:*`
      : await client.search({ since: start.since }, { uid: true });
  if (!range || (Array.isArray(range) && !range.length)) return [];
  const out: Pending[] = [];
  for await (const m of client.fetch(
    range,
    { uid: true, size: true, internalDate: true },
    { uid: true },
  )) {
    const at = m.internalDate ? new Date(m.internalDate) : new Date();
    if ('afterUid' in start && m.uid <= start.afterUid) continue;
    if ('since' in start && at < start.since) continue;
    out.push({ uid: m.uid, size: m.size ?? 0, at });
  }
  return out.sort((a, b) => a.uid - b.uid);
}

// Stores one message and moves the cursor past it in one transaction (a duplicate or a message
// expunged meanwhile moves it too). A message over the size limit is kept as its head and a note.
async function importOne(
  db: Db,
  client: ImapFlow,
  channel: inbox.ChannelRow,
  m: Pending,
  next: Cursor,
): Promise<'imported' | 'duplicate' | 'gone'> {
  const maxBytes = fileLimits().maxEmailBytes;
  const tooLarge = m.size > maxBytes;
  // Never more than the limit, whatever size the server announced.
  const fetched = await client.fetchOne(
    String(m.uid),
    { uid: true, source: { start: 0, maxLength: tooLarge ? 256 * 1024 : maxBytes } },
    { uid: true },
  );
  const parsed = fetched && fetched.source ? await parseEmail(fetched.source) : null;
  if (parsed && tooLarge) {
    parsed.attachments = [];
    parsed.html = null;
    parsed.text =
      `${parsed.text ?? ''}\n\n[Письмо больше ${Math.round(maxBytes / 1024 / 1024)} МиБ: целиком оно в почтовом ящике]`.trim();
  }
  // The server's receipt time, never in the future.
  const at = m.at.getTime() > Date.now() ? new Date() : m.at;
  return inWorkspace(db, channel.workspaceId, async (tx) => {
    const ctx = emailCtx(tx, channel.workspaceId);
    const accepted = parsed ? await acceptParsed(ctx, channel.id, parsed, at) : null;
    await inbox.saveChannelCursor(ctx, channel.id, { imap: next });
    return !accepted ? 'gone' : accepted.duplicate ? 'duplicate' : 'imported';
  });
}

export type ImapPoller = { stop(): Promise<void> };

// The worker's loop: every interval, each e-mail channel with an IMAP host is polled in turn. A
// channel that fails (wrong password, server down) is retried with back-off up to 30 minutes, so
// a provider does not lock the account for repeated failed logins. The database being away is no
// channel's failure: the round ends, is logged once, and the next one tries again. A channel whose
// lease could not be released then is polled again when its lease ends (5 minutes); its mail waits
// in the mailbox meanwhile.
export function startImapPolling(
  db: Db,
  sealer: Sealer,
  log: (msg: string, err?: unknown) => void,
  opts: { intervalMs?: number; firstDelayMs?: number } = {},
): ImapPoller {
  const intervalMs = opts.intervalMs ?? 60_000;
  const failures = new Map<string, { count: number; retryAt: number }>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> = Promise.resolve(false);

  const pollOne = async (channel: inbox.ChannelRow): Promise<boolean> => {
    const failed = failures.get(channel.id);
    if (failed && failed.retryAt > Date.now()) return false;
    try {
      const r = await pollImapChannel(db, sealer, channel, { isStopping: () => stopped });
      failures.delete(channel.id);
      return r.more;
    } catch (err) {
      if (await databaseIsDown(db, err)) throw err;
      const count = (failed?.count ?? 0) + 1;
      failures.set(channel.id, {
        count,
        retryAt: Date.now() + Math.min(30 * 60_000, intervalMs * 2 ** (count - 1)),
      });
      log(`imap: polling channel ${channel.id} failed (${count} in a row)`, err);
      return false;
    }
  };
  const round = async () => {
    let more = false;
    for (const channel of await inbox.listChannelsWithSetting(db, 'email', 'imapHost')) {
      if (stopped) break;
      more = (await pollOne(channel)) || more;
    }
    return more;
  };
  const outage = outageReporter('imap polling', log);
  const loop = async () => {
    if (stopped) return;
    let failed = false;
    running = round().then(
      (more) => {
        outage.succeeded();
        return more;
      },
      (err) => {
        failed = true;
        outage.failed(err);
        return false;
      },
    );
    const more = await running;
    // After a failed round (the database away) the next comes sooner than a full interval.
    if (!stopped)
      timer = setTimeout(
        loop,
        more ? 1000 : failed ? Math.min(intervalMs, 5000 * outage.failures) : intervalMs,
      );
  };
  timer = setTimeout(loop, opts.firstDelayMs ?? 5000);
  return {
    // Finishes the message in hand, then stops.
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
