import type { LeadChannel, LeadStatus } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import * as clients from '../modules/clients/service.js';
import * as crm from './crm.js';
import type * as workspaces from '../modules/workspaces/service.js';
import { leads } from '../modules/leads/tables.js';
import { leadRouting } from '../modules/routing/tables.js';

const HOUR = 3_600_000;
// A seeded request's first-response deadline and answer: routing's row of it (lead_routing).
type SlaSeed = Pick<
  typeof leadRouting.$inferInsert,
  'firstResponseDueAt' | 'firstRespondedAt' | 'firstRespondedBy'
>;
type Template = [channel: LeadChannel, title: string, message: string, source: string];

// What arrives through each channel, in the words people use.
const templates: Template[] = [
  [
    'web',
    'Заявка с сайта: расчёт стоимости',
    'Добрый день! Нужен расчёт стоимости стеллажей для склада 800 м². Прошу перезвонить.',
    'Сайт: форма «Рассчитать стоимость»',
  ],
  [
    'email',
    'Запрос коммерческого предложения',
    'Здравствуйте! Просим направить КП на поставку 4 погрузчиков с доставкой до Тюмени. Реквизиты во вложении.',
    'Почта sales@',
  ],
  [
    'telegram',
    'Сообщение в Telegram',
    'Здравствуйте! А GPS-трекеры у вас есть в наличии? Нужно на 8 машин.',
    'Telegram-бот',
  ],
  [
    'vk',
    'Сообщение ВКонтакте',
    'Добрый вечер, а доставка в Пермь есть? Интересует лабораторное оборудование.',
    'Сообщество ВКонтакте',
  ],
  [
    'whatsapp',
    'Сообщение в WhatsApp',
    'Здравствуйте! Пришлите, пожалуйста, прайс на складские стеллажи.',
    'WhatsApp Business',
  ],
  [
    'phone',
    'Входящий звонок',
    'Звонил по рекламе в 2ГИС: интересуется модернизацией станков с ЧПУ, просит выезд инженера.',
    'Телефония: основной номер',
  ],
  [
    'web',
    'Обратный звонок',
    'Перезвоните, пожалуйста, после 14:00 по поводу сервисного обслуживания.',
    'Сайт: кнопка «Перезвоните мне»',
  ],
  [
    'email',
    'Тендер: поставка серверного оборудования',
    'Приглашаем принять участие в закупке. Срок подачи предложений — 10 рабочих дней.',
    'Почта sales@',
  ],
  [
    'telegram',
    'Сообщение в Telegram',
    'Добрый день, подскажите сроки поставки кассового оборудования в Краснодар.',
    'Telegram-бот',
  ],
  [
    'vk',
    'Сообщение ВКонтакте',
    'Увидела рекламу, хочу узнать цены на поломоечные машины.',
    'Сообщество ВКонтакте',
  ],
  [
    'whatsapp',
    'Сообщение в WhatsApp',
    'Добрый день. Нужен тепловизор, какие модели посоветуете?',
    'WhatsApp Business',
  ],
  [
    'phone',
    'Входящий звонок',
    'Клиент из Воронежа: нужен кромкооблицовочный станок, просит КП на почту.',
    'Телефония: основной номер',
  ],
  [
    'web',
    'Запрос КП с сайта',
    'Интересуют ноутбуки для офиса, 15 шт., бюджет до 1,2 млн ₽. Нужен счёт с НДС.',
    'Сайт: форма «Запросить КП»',
  ],
  [
    'email',
    'Вопрос по гарантии',
    'Добрый день. Один из терминалов перестал заряжаться. Куда обращаться по гарантии?',
    'Почта info@',
  ],
  [
    'telegram',
    'Сообщение в Telegram',
    'Нужна консультация по видеонаблюдению для строительного объекта.',
    'Telegram-бот',
  ],
  [
    'phone',
    'Входящий звонок',
    'Спрашивали про аренду погрузчика на 3 месяца.',
    'Телефония: основной номер',
  ],
  [
    'web',
    'Заявка на демонстрацию',
    'Хотим посмотреть оборудование в работе. Можно приехать в шоурум на следующей неделе?',
    'Сайт: форма «Записаться на демонстрацию»',
  ],
  [
    'vk',
    'Комментарий ВКонтакте',
    'Работаете с ИП? Нужен терминал эквайринга.',
    'Сообщество ВКонтакте',
  ],
  [
    'whatsapp',
    'Сообщение в WhatsApp',
    'Когда будет отгрузка по нашему счёту? Оплатили вчера.',
    'WhatsApp Business',
  ],
  [
    'phone',
    'Пропущенный звонок',
    'Пропущенный вызов в нерабочее время, номер не найден в базе.',
    'Телефония: основной номер',
  ],
];
const junk: Template[] = [
  [
    'email',
    'Продвижение сайта в ТОП-10',
    'Предлагаем услуги SEO-продвижения с гарантией результата. Скидка 30% до конца месяца!',
    'Почта info@',
  ],
  ['web', 'test', 'тест тест', 'Сайт: форма «Рассчитать стоимость»'],
  ['phone', 'Ошиблись номером', 'Искали службу доставки еды.', 'Телефония: основной номер'],
  [
    'telegram',
    'Сообщение в Telegram',
    'Базы клиентов по всем регионам России, актуальные контакты ЛПР. Пишите в личку.',
    'Telegram-бот',
  ],
  [
    'vk',
    'Сообщение ВКонтакте',
    'Вы выиграли приз! Перейдите по ссылке, чтобы его получить.',
    'Сообщество ВКонтакте',
  ],
];
// Names as people write them, with a latin spelling for their e-mail.
const senders: [name: string, latin: string][] = [
  ['Виталий', 'vitaly'],
  ['Ирина Сергеевна', 'irina.s'],
  ['Дмитрий Ковалев', 'd.kovalev'],
  ['Наталья', 'natalia'],
  ['Алексей Морозов', 'a.morozov'],
  ['Светлана Петровна', 'svetlana.p'],
  ['Руслан', 'ruslan'],
  ['Ольга Кравец', 'o.kravets'],
  ['Тимур Ахметов', 't.akhmetov'],
  ['Евгения', 'evgenia'],
  ['Константин', 'konstantin'],
  ['Марина Лещенко', 'm.leshchenko'],
  ['Артур', 'artur'],
  ['Галина Ивановна', 'galina.i'],
  ['Сергей Панов', 's.panov'],
];
const utms: Record<string, string>[] = [
  { utm_source: 'yandex', utm_medium: 'cpc', utm_campaign: 'oborudovanie_sklad' },
  { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'brand' },
  {},
];

// What the demo's requests were, for the inbox (their conversations) and routing (their
// assignments and first responses) to make the history behind them.
export type DemoLead = {
  id: string;
  channel: LeadChannel;
  title: string;
  message: string;
  source: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  status: LeadStatus;
  assigneeId: string | null;
  contactId: string | null;
  receivedAt: Date;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
};

const MINUTE = 60_000;
const chat = (c: LeadChannel) =>
  c === 'phone' || c === 'telegram' || c === 'vk' || c === 'whatsapp';
// The demo's SLA policies (routing/demo.ts): chats and calls 5 minutes, the website and e-mail an hour.
export const demoResponseMs = (c: LeadChannel) => (chat(c) ? 5 * MINUTE : 60 * MINUTE);

// How fast the team answered: a working team meets its deadlines, about one request in ten is late.
function answered(channel: LeadChannel, receivedAt: Date, k: number): { due: Date; at: Date } {
  const limit = demoResponseMs(channel);
  const late = k % 10 === 7;
  const share = late ? 1.2 + (k % 3) * 0.15 : 0.15 + ((k * 37) % 60) / 100;
  return {
    due: new Date(receivedAt.getTime() + limit),
    at: new Date(receivedAt.getTime() + Math.round(limit * share)),
  };
}

// About forty requests of the last five weeks across every channel and status, each answered by its
// manager in time (mostly); a few fresh ones of the last minutes wait for the routing to give them
// out when the server starts (website and e-mail: an hour to answer, so a live demo sees them
// assigned and, later, warned — not a storm of breaches). Some come from people already in the base
// (linked as intake matches them), and some became the demo's recent deals.
export async function seedLeadsDemo(
  ctx: Ctx,
  members: workspaces.DemoMember[],
  base: crm.CrmDemo,
  now = new Date(),
): Promise<{ count: number; leads: DemoLead[] }> {
  const sellers = members.filter((m) => m.role === 'manager' || m.role === 'head');
  const seller = (k: number) => sellers[k % Math.max(sellers.length, 1)]?.id ?? null;
  const rows: (typeof leads.$inferInsert)[] = [];
  const answers: (SlaSeed & { leadId: string })[] = [];
  const out: DemoLead[] = [];
  const timeline: Parameters<typeof crm.writeDemoActivities>[1] = [];
  const plan: LeadStatus[] = [
    ...Array<LeadStatus>(12).fill('new'),
    ...Array<LeadStatus>(10).fill('in_work'),
    ...Array<LeadStatus>(6).fill('qualified'),
  ];
  const known = base.people.filter(
    (p) => p.companyId && !base.dealRefs.some((d) => d.contactIds.includes(p.id)),
  );
  const add = (
    row: typeof leads.$inferInsert &
      SlaSeed & {
        id: string;
        channel: LeadChannel;
        title: string;
        message: string;
        source: string;
        status: LeadStatus;
        receivedAt: Date;
      },
  ) => {
    const { firstResponseDueAt, firstRespondedAt, firstRespondedBy, ...lead } = row;
    rows.push(lead);
    if (firstResponseDueAt || firstRespondedAt)
      answers.push({ leadId: row.id, firstResponseDueAt, firstRespondedAt, firstRespondedBy });
    out.push({
      id: row.id,
      channel: row.channel,
      title: row.title,
      message: row.message,
      source: row.source,
      contactName: row.contactName ?? null,
      contactPhone: row.contactPhone ?? null,
      contactEmail: row.contactEmail ?? null,
      status: row.status,
      assigneeId: row.assigneeId ?? null,
      contactId: row.contactId ?? null,
      receivedAt: row.receivedAt,
      firstResponseDueAt: row.firstResponseDueAt ?? null,
      firstRespondedAt: row.firstRespondedAt ?? null,
    });
  };
  // The fresh ones, not yet answered: the website and e-mail (templates 0, 1, 12).
  const fresh = new Set([0, 1, 2]);
  plan.forEach((status, k) => {
    const waiting = status === 'new' && fresh.has(k);
    const [channel, title, message, source] = waiting
      ? templates[[0, 1, 12][k]!]!
      : templates[k % templates.length]!;
    const hoursAgo =
      status === 'new'
        ? 1 + ((k * 7) % 30)
        : status === 'in_work'
          ? 20 + ((k * 53) % 400)
          : 60 + ((k * 97) % 760);
    const receivedAt = waiting
      ? new Date(now.getTime() - (3 + k * 6) * MINUTE)
      : new Date(now.getTime() - hoursAgo * HOUR - k * 60_000);
    // Every third lead in work comes from someone the base knows: intake linked it to them.
    const person =
      status !== 'new' && k % 3 === 0 ? known[k % Math.max(known.length, 1)] : undefined;
    const [name, latin] = senders[k % senders.length]!;
    const phone =
      person?.phone ??
      (channel === 'email' || channel === 'vk'
        ? null
        : clients.toE164(`+79${(160_000_000 + k * 7_919_371).toString().slice(0, 9)}`, 'RU'));
    const email =
      person?.email ??
      (channel === 'email' || channel === 'web'
        ? `${latin}@${k % 2 ? 'yandex.ru' : 'mail.ru'}`
        : null);
    const id = newId();
    const assigneeId = waiting ? null : seller(k);
    const sla = waiting ? null : answered(channel, receivedAt, k);
    add({
      workspaceId: ctx.workspaceId,
      id,
      channel,
      source,
      utm: channel === 'web' ? utms[k % utms.length]! : {},
      title,
      message,
      contactName: person?.fullName ?? name,
      contactPhone: phone,
      contactEmail: email,
      companyName: person?.companyName ?? null,
      status,
      assigneeId,
      contactId: person?.id ?? null,
      companyId: person?.companyId ?? null,
      receivedAt,
      createdAt: receivedAt,
      updatedAt: sla?.at ?? receivedAt,
      firstResponseDueAt: sla?.due ?? null,
      firstRespondedAt: sla?.at ?? null,
      firstRespondedBy: sla ? assigneeId : null,
    });
    if (status !== 'new')
      timeline.push({
        kind: 'call',
        at: new Date(receivedAt.getTime() + HOUR),
        actorId: assigneeId,
        leadId: id,
        contactId: person?.id ?? null,
        body: 'Перезвонили, уточнили потребность и сроки.',
        data: {
          durationSeconds: 240 + k * 15,
          outcome: status === 'qualified' ? 'потребность подтверждена' : 'ждём ТЗ',
        },
      });
  });
  junk.forEach(([channel, title, message, source], k) => {
    const receivedAt = new Date(now.getTime() - (5 + k * 131) * HOUR);
    const sla = answered(channel, receivedAt, k);
    add({
      workspaceId: ctx.workspaceId,
      id: newId(),
      channel,
      source,
      title,
      message,
      contactName: k % 2 ? null : senders[(k + 7) % senders.length]![0],
      contactEmail: channel === 'email' ? 'promo@seo-top10.example' : null,
      status: 'junk',
      assigneeId: seller(k),
      receivedAt,
      createdAt: receivedAt,
      updatedAt: sla.at,
      firstResponseDueAt: sla.due,
      firstRespondedAt: sla.at,
      firstRespondedBy: seller(k),
    });
  });
  // The newest open deals came in as requests and were converted.
  const recent = base.dealRefs
    .filter((d) => d.kind === 'open' && now.getTime() - d.createdAt.getTime() < 13 * 24 * HOUR)
    .slice(0, 7);
  recent.forEach((deal, k) => {
    const person = base.people.find((p) => p.id === deal.contactIds[0]);
    const channel = (['web', 'email', 'telegram', 'phone', 'whatsapp', 'vk', 'web'] as const)[k]!;
    const receivedAt = new Date(deal.createdAt.getTime() - (1 + k) * HOUR);
    const sla = answered(channel, receivedAt, k + 1);
    const id = newId();
    const title = `Запрос: ${deal.title}`;
    add({
      workspaceId: ctx.workspaceId,
      id,
      channel,
      source: templates.find((t) => t[0] === channel)![3],
      utm: channel === 'web' ? utms[0]! : {},
      title,
      message: `Здравствуйте! Интересует: ${deal.title.toLowerCase()}. Пришлите, пожалуйста, предложение.`,
      contactName: person?.fullName ?? null,
      contactPhone: person?.phone ?? null,
      contactEmail: person?.email ?? null,
      companyName: person?.companyName ?? null,
      status: 'converted',
      assigneeId: deal.ownerId,
      contactId: person?.id ?? null,
      companyId: deal.companyId,
      dealId: deal.id,
      receivedAt,
      createdAt: receivedAt,
      updatedAt: deal.createdAt,
      convertedAt: deal.createdAt,
      firstResponseDueAt: sla.due,
      firstRespondedAt: sla.at,
      firstRespondedBy: deal.ownerId,
    });
    timeline.push({
      kind: 'conversion',
      at: deal.createdAt,
      actorId: deal.ownerId,
      leadId: id,
      contactId: person?.id ?? null,
      companyId: deal.companyId,
      dealId: deal.id,
      body: title,
      data: { channel },
    });
  });
  await ctx.tx.insert(leads).values(rows);
  // Each request's routing row was added with it (trigger leads_routed): its deadline and answer.
  if (answers.length)
    await ctx.tx
      .insert(leadRouting)
      .values(answers.map((a) => ({ workspaceId: ctx.workspaceId, ...a })))
      .onConflictDoUpdate({
        target: [leadRouting.workspaceId, leadRouting.leadId],
        set: {
          firstResponseDueAt: sql`excluded.first_response_due_at`,
          firstRespondedAt: sql`excluded.first_responded_at`,
          firstRespondedBy: sql`excluded.first_responded_by`,
        },
      });
  await crm.writeDemoActivities(ctx, timeline);
  return { count: rows.length, leads: out };
}
