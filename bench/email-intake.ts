// E-mail intake throughput: messages per second through Voronka's SMTP listener into the inbox
// (parse, thread, dedup, conversation, client match, request, commit before 250), with several
// parallel SMTP connections from nodemailer, as a sending mail server would open them.
//   tsx bench/email-intake.ts [--database-url postgres://postgres@127.0.0.1:5432/postgres | --pglite]
//                             [--messages 2000] [--connections 8] [--replies 0.2]
// On PostgreSQL a fresh database is created for the run and dropped after it.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { startSmtpIntake } from '../src/channels/email/inbound.js';
import { systemActor } from '../src/platform/context.js';
import { createSealer } from '../src/platform/crypto.js';
import { openDatabase, pgliteExtensions, type Database } from '../src/platform/db/client.js';
import { migrateDatabase } from '../src/platform/db/migrate.js';
import { rowsOf } from '../src/platform/db/rls.js';
import { inWorkspace } from '../src/platform/db/tenancy.js';
import * as inbox from '../src/modules/inbox/service.js';
import * as workspaces from '../src/modules/workspaces/service.js';

const { values: opt } = parseArgs({
  options: {
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    pglite: { type: 'boolean', default: false },
    messages: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '8' },
    replies: { type: 'string', default: '0.2' },
  },
});
const MESSAGES = Number(opt.messages);
const CONNECTIONS = Number(opt.connections);
const REPLIES = Number(opt.replies);
const INTAKE = 'sales@bench.voronka.test';

async function openBenchDatabase(): Promise<{
  database: Database;
  label: string;
  drop(): Promise<void>;
}> {
  if (opt.pglite) {
    const lite = await PGlite.create({ extensions: pgliteExtensions });
    return {
      database: await openDatabase({ pglite: lite }),
      label: 'PGlite (in memory, same process)',
      drop: async () => undefined,
    };
  }
  const url = new URL(opt['database-url']!);
  const name = `voronka_bench_email_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  const version = rowsOf<{ server_version: string }>(
    (await admin.query('show server_version')) as never,
  );
  return {
    database: await openDatabase({ databaseUrl: url.toString(), poolSize: 10 }),
    label: `PostgreSQL ${version[0]?.server_version ?? ''} (pool 10)`,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function setUp(database: Database) {
  await migrateDatabase(database);
  const w = await workspaces.createWorkspaceWithOwner(database.db, {
    companyName: 'ООО «Бенчмарк»',
    ownerName: 'Владелец',
    email: `owner-${randomBytes(4).toString('hex')}@bench.test`,
    password: 'bench-password-1',
    existingUser: 'reject',
  });
  const sealer = createSealer('a-bench-secret-of-at-least-32-characters');
  const channel = await inWorkspace(database.db, w.workspaceId, (tx) =>
    inbox.createChannel(
      { tx, workspaceId: w.workspaceId, actor: systemActor, ip: null, requestId: 'bench' },
      { sealer, publicUrl: 'http://bench', mailDomains: [INTAKE.split('@')[1]!] },
      { kind: 'email', name: 'Почта', settings: { intakeAddress: INTAKE } },
    ),
  );
  return { workspaceId: w.workspaceId, channelId: channel.id };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

// Message i: a new client's first letter, or (a share of `replies`) an answer in an earlier thread.
function letter(i: number, run: string) {
  const client = `client${i}.${run}@example.org`;
  const body =
    `Здравствуйте! Прошу выставить счёт на ${i + 1} шт. кирпича М150, доставка в Казань.\nТелефон: +7 912 ${String(1000000 + i).slice(1, 4)}-${String(i % 100).padStart(2, '0')}-00\n` +
    'Подробности заказа. '.repeat(40);
  const replyTo = i > 10 && (i * 7919) % 100 < REPLIES * 100 ? i - 10 : null;
  return {
    from: `"Клиент ${i}" <${replyTo === null ? client : `client${replyTo}.${run}@example.org`}>`,
    to: INTAKE,
    subject: replyTo === null ? `Заявка №${i}: кирпич М150` : `Re: Заявка №${replyTo}: кирпич М150`,
    text: body,
    html: `<p>${body.replace(/\n/g, '<br>')}</p>`,
    messageId: `<bench-${i}-${run}@example.org>`,
    ...(replyTo === null
      ? {}
      : {
          inReplyTo: `<bench-${replyTo}-${run}@example.org>`,
          references: [`<bench-${replyTo}-${run}@example.org>`],
        }),
  };
}

async function send(port: number, from: number, to: number, run: string, latencies: number[]) {
  const transports = Array.from({ length: CONNECTIONS }, () =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
      maxMessages: Infinity,
    }),
  );
  let next = from;
  await Promise.all(
    transports.map(async (t) => {
      for (let i = next++; i < to; i = next++) {
        const t0 = performance.now();
        await t.sendMail(letter(i, run));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  transports.forEach((t) => t.close());
}

async function main() {
  const { database, label, drop } = await openBenchDatabase();
  try {
    const { workspaceId, channelId } = await setUp(database);
    const smtp = await startSmtpIntake(database.db, { host: '127.0.0.1', port: 0, tls: null });
    const run = randomBytes(3).toString('hex');
    const warm = Math.min(100, Math.floor(MESSAGES / 10));
    await send(smtp.port, 0, warm, run, []);
    const latencies: number[] = [];
    const load0 = os.loadavg()[0]!;
    const t0 = performance.now();
    await send(smtp.port, warm, warm + MESSAGES, run, latencies);
    const seconds = (performance.now() - t0) / 1000;
    await smtp.close();
    const [counts] = await inWorkspace(database.db, workspaceId, async (tx) =>
      rowsOf<{ messages: number; conversations: number; leads: number }>(
        await tx.execute(
          sql`select (select count(*)::int from messages where channel_id = ${channelId}) as messages, (select count(*)::int from conversations where channel_id = ${channelId}) as conversations, (select count(*)::int from leads where workspace_id = ${workspaceId}) as leads`,
        ),
      ),
    );
    const result = {
      database: label,
      messages: MESSAGES,
      connections: CONNECTIONS,
      replyShare: REPLIES,
      perSecond: Math.round(MESSAGES / seconds),
      seconds: Number(seconds.toFixed(2)),
      latencyMs: {
        p50: Math.round(pct(latencies, 50)),
        p95: Math.round(pct(latencies, 95)),
        p99: Math.round(pct(latencies, 99)),
      },
      stored: counts,
      loadAverage: { before: Number(load0.toFixed(2)), after: Number(os.loadavg()[0]!.toFixed(2)) },
      cores: os.cpus().length,
    };
    console.log(JSON.stringify(result, null, 2));
    if (counts!.messages !== warm + MESSAGES)
      throw new Error(`expected ${warm + MESSAGES} stored messages, found ${counts!.messages}`);
  } finally {
    await database.close();
    await drop();
  }
}

await main();
