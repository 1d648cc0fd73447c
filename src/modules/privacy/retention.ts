import type {
  DestructionAct,
  RetentionKind,
  RetentionRule,
  RetentionRulesBody,
} from '@voronka/contract';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { defineJob, defineSystemJob, enqueue } from '../../platform/jobs/jobs.js';
import * as print from '../print/service.js';
import * as workspaces from '../workspaces/service.js';
import { anonymise, KEPT_TABLES } from './erase.js';
import { personOf, type Root } from './person-data.js';
import { destructionActs, retentionErased, retentionRules } from './tables.js';

// Retention rules (DESIGN.md «Retention»): each kind of personal data is kept N months after its
// last activity, then erased by the job below through erasure's own anonymisation, and what was
// destroyed is written down in an act (акт об уничтожении персональных данных) kept as a PDF.

export const RETENTION_KINDS: RetentionKind[] = ['leads', 'conversations', 'contacts'];
// Records one run erases per kind at most (the next run takes the rest): one transaction each.
const BATCH = 200;

export const KIND_LABEL: Record<RetentionKind, string> = {
  leads: 'Заявки без сделки и без контакта',
  conversations: 'Закрытые переписки (сообщения и вложения)',
  contacts: 'Контакты без сделок',
};
const CATEGORIES: Record<RetentionKind, string> = {
  leads: 'ФИО, телефон, e-mail, текст обращения, переписка по заявке',
  conversations: 'имя и адрес собеседника, тексты сообщений, вложения',
  contacts: 'ФИО, телефоны, e-mail, мессенджеры, должность, дата рождения, заметки, переписка',
};

type RuleRow = typeof retentionRules.$inferSelect;

const monthsAgo = (months: number, now: Date) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

const notErased = (kind: RetentionKind, alias: string): SQL =>
  sql`not exists (select 1 from retention_erased e where e.workspace_id = ${sql.raw(alias)}.workspace_id
    and e.kind = ${kind} and e.record_id = ${sql.raw(alias)}.id)`;

// What a rule would erase now: records of its kind whose last activity is before the cutoff.
function candidates(ctx: Ctx, kind: RetentionKind, cutoff: Date, limit: number | null): SQL {
  const lim = limit === null ? sql`` : sql`limit ${limit}`;
  const at = cutoff.toISOString();
  if (kind === 'leads')
    // A request that became a deal is the deal's history; one matched to a contact is the
    // contact's (the contacts rule decides about them).
    return sql`select l.id from leads l where l.workspace_id = ${ctx.workspaceId}
      and l.deal_id is null and l.contact_id is null and l.updated_at < ${at}::timestamptz
      and ${notErased(kind, 'l')} order by l.updated_at, l.id ${lim}`;
  if (kind === 'conversations')
    return sql`select c.id from conversations c where c.workspace_id = ${ctx.workspaceId}
      and c.status = 'closed' and c.last_message_at < ${at}::timestamptz
      and ${notErased(kind, 'c')} order by c.last_message_at, c.id ${lim}`;
  // A contact nobody has done business with (no deal, no request that became one) and who has
  // been quiet since the cutoff: no change of the card, no request, no message.
  return sql`select c.id from contacts c where c.workspace_id = ${ctx.workspaceId}
    and c.updated_at < ${at}::timestamptz
    and not exists (select 1 from deal_contacts d where d.workspace_id = c.workspace_id and d.contact_id = c.id)
    and not exists (select 1 from leads l where l.workspace_id = c.workspace_id and l.contact_id = c.id
      and (l.deal_id is not null or l.updated_at >= ${at}::timestamptz))
    and not exists (select 1 from conversations v where v.workspace_id = c.workspace_id and v.contact_id = c.id
      and v.last_message_at >= ${at}::timestamptz)
    and ${notErased(kind, 'c')} order by c.updated_at, c.id ${lim}`;
}

async function loadRules(ctx: Ctx): Promise<RuleRow[]> {
  return ctx.tx
    .select()
    .from(retentionRules)
    .where(eq(retentionRules.workspaceId, ctx.workspaceId));
}

export async function listRetention(
  ctx: Ctx,
  now = new Date(),
): Promise<{ items: RetentionRule[] }> {
  const rules = await loadRules(ctx);
  const items: RetentionRule[] = [];
  for (const kind of RETENTION_KINDS) {
    const r = rules.find((x) => x.kind === kind);
    let due = 0;
    if (r?.enabled) {
      const [row] = rowsOf<{ n: number }>(
        await ctx.tx.execute(
          sql`select count(*)::int as n from (${candidates(ctx, kind, monthsAgo(r.months, now), null)}) x`,
        ),
      );
      due = Number(row?.n ?? 0);
    }
    items.push({
      kind,
      months: r?.months ?? 0,
      enabled: r?.enabled ?? false,
      updatedAt: r ? r.updatedAt.toISOString() : null,
      due,
    });
  }
  return { items };
}

export async function setRetention(ctx: Ctx, body: RetentionRulesBody) {
  const seen = new Set<string>();
  body.rules.forEach((r, i) => {
    if (seen.has(r.kind))
      throw new DomainError('request.invalid', 'each kind once', { field: `rules.${i}.kind` });
    seen.add(r.kind);
  });
  const before = await loadRules(ctx);
  for (const r of body.rules)
    await ctx.tx
      .insert(retentionRules)
      .values({ workspaceId: ctx.workspaceId, ...r, updatedBy: ctx.actor.memberId })
      .onConflictDoUpdate({
        target: [retentionRules.workspaceId, retentionRules.kind],
        set: {
          months: r.months,
          enabled: r.enabled,
          updatedBy: ctx.actor.memberId,
          updatedAt: sql`now()`,
        },
      });
  await recordAudit(ctx, {
    action: 'privacy.retention_set',
    entity: 'privacy',
    entityId: null,
    before: before.map(({ kind, months, enabled }) => ({ kind, months, enabled })),
    after: body.rules,
  });
  return listRetention(ctx);
}

// Identifiers of a request that nobody else holds: a phone or e-mail also on a contact or on
// another request belongs to someone still kept, so it is not scrubbed from other rows.
async function leadTarget(ctx: Ctx, id: string): Promise<Root> {
  const [l] = rowsOf<{ name: string | null; phone: string | null; email: string | null }>(
    await ctx.tx
      .execute(sql`select contact_name as name, contact_phone as phone, contact_email as email
      from leads where workspace_id = ${ctx.workspaceId} and id = ${id}`),
  );
  const raw = [
    ...(l?.phone ? [l.phone, l.phone.replace(/^\+/, ''), l.phone.replace(/^\+7/, '')] : []),
    ...(l?.email ? [l.email.toLowerCase()] : []),
    ...(l?.name && l.name.trim().length >= 5 ? [l.name.trim()] : []),
  ].filter((n) => n.length >= 5);
  const needles: string[] = [];
  for (const n of new Set(raw)) {
    const [held] = rowsOf<{ n: number }>(
      await ctx.tx.execute(sql`select
        (select count(*) from contact_points p where p.workspace_id = ${ctx.workspaceId} and p.value ilike ${n})
        + (select count(*) from contacts c where c.workspace_id = ${ctx.workspaceId} and c.full_name ilike ${n})
        + (select count(*) from leads o where o.workspace_id = ${ctx.workspaceId} and o.id <> ${id}
            and (o.contact_phone ilike ${n} or o.contact_email ilike ${n} or o.contact_name ilike ${n}))
        as n`),
    );
    if (!Number(held?.n)) needles.push(n);
  }
  return { root: id, needles };
}

async function targetOf(ctx: Ctx, kind: RetentionKind, id: string): Promise<Root> {
  if (kind === 'contacts') {
    const person = await personOf(ctx, id);
    return { root: id, needles: person.needles };
  }
  if (kind === 'leads') return leadTarget(ctx, id);
  // A conversation: its row and what hangs off it by `conversation_id` (messages, files, reads), not
  // the request raised in it (requests have their rule), nor the client (still kept).
  return {
    root: id,
    needles: [],
    via: (t, c) =>
      t.name === 'conversations'
        ? c.name === 'id'
        : c.name === 'conversation_id' && t.name !== 'leads',
  };
}

async function memberName(ctx: Ctx, memberId: string | null): Promise<string | null> {
  if (!memberId) return null;
  const [r] = rowsOf<{ name: string }>(
    await ctx.tx.execute(sql`select u.name from members m join users u on u.id = m.user_id
      where m.workspace_id = ${ctx.workspaceId} and m.id = ${memberId}`),
  );
  return r?.name ?? null;
}

// One retention run over a workspace, in the caller's transaction: every enabled rule's records
// erased, each through the same anonymisation an erasure request uses, and one act if anything
// was. The responsible person is who asked for the run, or who last set the rules.
export async function runRetention(ctx: Ctx, now = new Date()): Promise<DestructionAct | null> {
  const rules = (await loadRules(ctx)).filter((r) => r.enabled);
  const actId = newId();
  const items: DestructionAct['items'] = [];
  const changed: Record<string, number> = {};
  for (const kind of RETENTION_KINDS) {
    const rule = rules.find((r) => r.kind === kind);
    if (!rule) continue;
    const cutoff = monthsAgo(rule.months, now);
    const ids = rowsOf<{ id: string }>(
      await ctx.tx.execute(candidates(ctx, kind, cutoff, BATCH)),
    ).map((r) => r.id);
    for (const id of ids) {
      const counts = await anonymise(ctx, await targetOf(ctx, kind, id));
      for (const [t, n] of Object.entries(counts)) changed[t] = (changed[t] ?? 0) + n;
      await ctx.tx
        .insert(retentionErased)
        .values({ workspaceId: ctx.workspaceId, kind, recordId: id, actId });
    }
    if (ids.length)
      items.push({ kind, months: rule.months, records: ids.length, cutoff: cutoff.toISOString() });
  }
  if (!items.length) return null;
  const responsibleId =
    ctx.actor.memberId ??
    rules.slice().sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0]?.updatedBy ??
    null;
  const responsibleName = await memberName(ctx, responsibleId);
  const [last] = rowsOf<{ n: number | null }>(
    await ctx.tx.execute(
      sql`select max(number) as n from destruction_acts where workspace_id = ${ctx.workspaceId}`,
    ),
  );
  const number = Number(last?.n ?? 0) + 1;
  const act: DestructionAct = {
    id: actId,
    number,
    at: now.toISOString(),
    items,
    changed,
    responsibleId,
    responsibleName,
  };
  const operator = (await workspaces.getWorkspace(ctx)).name;
  const pdf = await print.renderPlainPdf(actDocument(act, operator));
  await ctx.tx.insert(destructionActs).values({
    workspaceId: ctx.workspaceId,
    id: actId,
    number,
    at: now,
    items,
    changed,
    responsibleId,
    responsibleName,
    pdf,
  });
  // Counts only, never what was erased.
  await recordAudit(ctx, {
    action: 'privacy.retention_run',
    entity: 'privacy',
    entityId: actId,
    after: { number, items, changed },
  });
  return act;
}

const dateRu = (iso: string) =>
  new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow' }).format(new Date(iso));

export function actDocument(act: DestructionAct, operator: string): print.PlainDocument {
  const total = act.items.reduce((s, i) => s + i.records, 0);
  return {
    title: `Акт об уничтожении персональных данных № ${act.number}`,
    subtitle: `от ${dateRu(act.at)}`,
    meta: [
      ['Оператор', operator],
      ['Дата уничтожения', dateRu(act.at)],
      ['Ответственный', act.responsibleName ?? '—'],
      ['Способ уничтожения', 'обезличивание и удаление в информационной системе Voronka CRM'],
    ],
    blocks: [
      {
        paragraph:
          'Основание: истечение срока хранения персональных данных, установленного правилами ' +
          'хранения оператора (ч. 7 ст. 5, ч. 4 ст. 21 Федерального закона от 27.07.2006 № 152-ФЗ ' +
          '«О персональных данных»); требования к подтверждению уничтожения — приказ Роскомнадзора ' +
          'от 28.10.2022 № 179.',
      },
      { heading: 'Уничтоженные персональные данные' },
      {
        table: {
          headers: [
            'Категория записей',
            'Категории персональных данных',
            'Срок хранения',
            'Последняя активность до',
            'Записей',
          ],
          widths: ['*', '*', 55, 70, 40],
          rows: act.items.map((i) => [
            KIND_LABEL[i.kind],
            CATEGORIES[i.kind],
            `${i.months} мес.`,
            dateRu(i.cutoff),
            String(i.records),
          ]),
        },
      },
      { paragraph: `Всего записей субъектов: ${total}.`, bold: true },
      { heading: 'Изменено строк по таблицам' },
      {
        table: {
          headers: ['Таблица', 'Строк'],
          widths: ['*', 60],
          rows: Object.entries(act.changed)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([t, n]) => [t, String(n)]),
        },
      },
      {
        paragraph:
          'Не уничтожаются (хранятся по ст. 29 Федерального закона № 402-ФЗ «О бухгалтерском ' +
          `учёте»): выставленные документы и платежи по ним (${KEPT_TABLES.join(', ')}).`,
      },
    ],
    signatures: [
      { role: 'Ответственный за обработку персональных данных', name: act.responsibleName ?? '' },
    ],
  };
}

const toAct = (r: Omit<typeof destructionActs.$inferSelect, 'pdf'>): DestructionAct => ({
  id: r.id,
  number: r.number,
  at: r.at.toISOString(),
  items: r.items as DestructionAct['items'],
  changed: r.changed,
  responsibleId: r.responsibleId,
  responsibleName: r.responsibleName,
});

export async function listActs(ctx: Ctx) {
  const rows = await ctx.tx
    .select({
      workspaceId: destructionActs.workspaceId,
      id: destructionActs.id,
      number: destructionActs.number,
      at: destructionActs.at,
      items: destructionActs.items,
      changed: destructionActs.changed,
      responsibleId: destructionActs.responsibleId,
      responsibleName: destructionActs.responsibleName,
      createdAt: destructionActs.createdAt,
    })
    .from(destructionActs)
    .where(eq(destructionActs.workspaceId, ctx.workspaceId))
    .orderBy(desc(destructionActs.number))
    .limit(200);
  return { items: rows.map(toAct) };
}

export async function actPdf(ctx: Ctx, id: string): Promise<{ number: number; pdf: Buffer }> {
  const [r] = await ctx.tx
    .select({ number: destructionActs.number, pdf: destructionActs.pdf })
    .from(destructionActs)
    .where(and(eq(destructionActs.workspaceId, ctx.workspaceId), eq(destructionActs.id, id)));
  if (!r) throw notFound('destruction_act.not_found', 'destruction act');
  return r;
}

// Daily from the worker's schedule, per workspace with an enabled rule; keyed by the day.
export const retentionRun = defineJob({
  name: 'privacy.retention',
  payload: z.object({ day: z.string() }),
  async run(ctx) {
    await runRetention(ctx);
  },
});

export const retentionRunAll = defineSystemJob({
  name: 'privacy.retention-all',
  payload: z.object({ day: z.string() }),
  async run(tx, { day }) {
    const rows = rowsOf<{ workspace_id: string }>(
      await tx.execute(sql`select distinct workspace_id from retention_rules where enabled`),
    );
    for (const w of rows)
      await enqueue(
        tx,
        retentionRun,
        { day },
        { workspaceId: w.workspace_id, key: `${w.workspace_id}:${day}` },
      );
  },
});
