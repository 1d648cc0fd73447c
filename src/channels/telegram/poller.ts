import { GrammyError } from 'grammy';
import * as inbox from '../../modules/inbox/service.js';
import type { Sealer } from '../../platform/crypto.js';
import { databaseIsDown, outageReporter } from '../../platform/db/outage.js';
import type { Db } from '../../platform/db/types.js';
import { classifyTelegramError, telegramApi } from './bot-api.js';
import { acceptTelegramUpdate } from './inbound.js';

// Long polling (getUpdates) for bots set to `mode: 'polling'`: for a server Telegram cannot reach.
// Every worker process runs this loop; the channel's lease (claimChannelPoll, on the database
// clock) lets one of them poll a channel at a time, and the offset is saved in channels.cursor in
// the same transaction as the message it covers, so a crash neither skips nor repeats an update
// (Telegram keeps an update until a later offset confirms it; the message key dedups the rest).

export type Poller = { stop(): Promise<void>; pollNow(): Promise<void> };
type Log = (msg: string, err?: unknown) => void;

export function startTelegramPolling(
  db: Db,
  sealer: Sealer,
  log: Log,
  opts: { everyMs?: number; longPollSeconds?: number } = {},
): Poller {
  const everyMs = opts.everyMs ?? 2000;
  const wait = opts.longPollSeconds ?? 25;
  const active = new Map<string, Promise<void>>();
  const backoff = new Map<string, { until: number; failures: number }>();
  const abort = new AbortController();
  let stopped = false;

  const pollChannel = async (row: inbox.ChannelRow) => {
    const token = inbox.openChannelSecrets(sealer, row).botToken;
    if (!token) return;
    const cursor = await inbox.claimChannelPoll(db, row.workspaceId, row.id, wait + 60);
    if (!cursor) return;
    try {
      await pollOnce(db, row, token, cursor, wait, abort.signal);
      backoff.delete(row.id);
    } catch (err) {
      if (stopped) return;
      // The database being away is not the channel's failure (no back-off for it): logged once by the loop.
      if (await databaseIsDown(db, err)) throw err;
      const failures = (backoff.get(row.id)?.failures ?? 0) + 1;
      // 409: a webhook is still set (or another poller outside Voronka): "connect" deletes it.
      const hint =
        err instanceof GrammyError && err.error_code === 409
          ? ' (a webhook is set for this bot: connect the channel again)'
          : '';
      backoff.set(row.id, {
        until: Date.now() + Math.min(300_000, 5000 * 2 ** (failures - 1)),
        failures,
      });
      log(`telegram polling of channel ${row.id} failed${hint}`, classifyTelegramError(err));
    } finally {
      await inbox
        .releaseChannelPoll(db, row.workspaceId, row.id)
        .catch((err) => log('telegram polling: releasing the lease failed', err));
    }
  };

  // Starts a poll for every polling channel that has none running here and is not backing off.
  const outage = outageReporter('telegram polling', log);
  const round = async () => {
    const rows = (await inbox.listChannelsWithSetting(db, 'telegram', 'mode')).filter(
      (r) => r.settings.mode === 'polling',
    );
    outage.succeeded();
    for (const row of rows) {
      if (stopped || active.has(row.id) || (backoff.get(row.id)?.until ?? 0) > Date.now()) continue;
      const run = pollChannel(row)
        .catch((err) => outage.failed(err, `channel ${row.id} failed`))
        .finally(() => active.delete(row.id));
      active.set(row.id, run);
    }
  };

  const timer = setInterval(
    () => void round().catch((err) => outage.failed(err, 'listing channels failed')),
    everyMs,
  );
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      abort.abort();
      await Promise.allSettled([...active.values()]);
    },
    // One round now, waiting for the polls it started (tests, CLI).
    async pollNow() {
      await round();
      await Promise.allSettled([...active.values()]);
    },
  };
}

// One getUpdates from the channel's saved offset; each update is stored with the offset past it.
async function pollOnce(
  db: Db,
  row: inbox.ChannelRow,
  token: string,
  cursor: { offset?: unknown; savedAt?: unknown },
  wait: number,
  signal: AbortSignal,
) {
  const offset =
    typeof cursor.offset === 'number' && isRecent(cursor.savedAt) ? cursor.offset : undefined;
  const api = telegramApi(row.settings, token, wait + 15);
  const updates = await api.getUpdates(
    { offset, timeout: wait, allowed_updates: ['message'] },
    signal as unknown as Parameters<typeof api.getUpdates>[1],
  );
  for (const u of updates)
    await acceptTelegramUpdate(db, row, token, u, `telegram-poll:${row.id}`, {
      offset: u.update_id + 1,
      savedAt: new Date().toISOString(),
    });
}

// After a week without updates Telegram numbers the next one at random, possibly below the saved
// offset, which would then hide it. Everything below the offset was confirmed by the call that
// passed it, so an old offset is simply left out: Telegram returns the unconfirmed updates, and
// the message key dedups any that were stored just before a crash.
function isRecent(savedAt: unknown): boolean {
  return typeof savedAt === 'string' && Date.now() - Date.parse(savedAt) < 6 * 24 * 3600 * 1000;
}
