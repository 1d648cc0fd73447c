import type { ConsentLog, Contact, PrivacyRequest, PrivacyRequestKind } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import * as print from '../print/service.js';
import * as workspaces from '../workspaces/service.js';
import { KEPT_TABLES } from './erase.js';
import { getRequest } from './requests.js';

// The papers a data-subject request is answered with (152-FZ art. 14, 20, 21), printed through the
// print module's plain layout: the access export's PDF summary (packed into its ZIP beside the JSON)
// and the answer letter, from one template per request kind.

const dateOf = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('ru-RU', { timeZone, dateStyle: 'long' }).format(new Date(iso));

const TABLE_LABEL: Record<string, string> = {
  contacts: 'Карточка контакта',
  contact_points: 'Телефоны, e-mail, мессенджеры',
  leads: 'Заявки',
  conversations: 'Переписки',
  messages: 'Сообщения',
  files: 'Файлы',
  tasks: 'Задачи',
  activities: 'События и заметки',
  deal_contacts: 'Участие в сделках',
  documents: 'Документы',
  calls: 'Звонки',
  audit_log: 'Журнал изменений',
  personal_data_access: 'Журнал доступа к карточке',
  consent_events: 'Журнал согласий',
};

export function exportSummary(input: {
  operator: string;
  timeZone: string;
  generatedAt: string;
  request: { id: string; receivedAt: string };
  card: Contact;
  consents: ConsentLog;
  tables: Record<string, number>;
}): print.PlainDocument {
  const { card, timeZone } = input;
  const points = [
    ...card.phones.map((p) => `телефон ${p.number}`),
    ...card.emails.map((e) => `e-mail ${e.address}`),
  ];
  return {
    title: 'Сведения об обработке персональных данных',
    subtitle: `ответ на запрос субъекта персональных данных (ст. 14 152-ФЗ) от ${dateOf(input.request.receivedAt, timeZone)}`,
    meta: [
      ['Оператор', input.operator],
      ['Субъект', card.fullName],
      ['Дата выгрузки', dateOf(input.generatedAt, timeZone)],
    ],
    blocks: [
      { heading: 'Персональные данные в карточке' },
      {
        list: [
          `ФИО: ${card.fullName}`,
          ...(card.position ? [`Должность: ${card.position}`] : []),
          ...(card.birthday ? [`Дата рождения: ${card.birthday}`] : []),
          ...points,
        ],
      },
      { heading: 'Где хранятся сведения о субъекте' },
      {
        table: {
          headers: ['Раздел', 'Таблица', 'Записей'],
          widths: ['*', '*', 50],
          rows: Object.entries(input.tables)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([t, n]) => [TABLE_LABEL[t] ?? '—', t, String(n)]),
        },
      },
      { heading: 'Согласия и отзывы согласий' },
      input.consents.items.length
        ? {
            table: {
              headers: ['Дата', 'Действие', 'Цель', 'Источник', 'Версия текста'],
              rows: input.consents.items.map((c) => [
                dateOf(c.at, timeZone),
                c.kind === 'given' ? 'дано' : 'отозвано',
                c.purpose,
                c.source,
                c.textVersion ?? '—',
              ]),
            },
          }
        : { paragraph: 'Записей о согласиях нет.' },
      {
        paragraph:
          'Полные сведения — в файлах JSON этого архива: contact.json (карточка), consents.json ' +
          '(согласия), tables/*.json (строки каждой таблицы, где найден субъект).',
      },
    ],
  };
}

// One template per request kind; the answer recorded on closing is its body, a refusal says so.
const TEMPLATES: Record<PrivacyRequestKind, { subject: string; done: string }> = {
  access: {
    subject: 'О предоставлении сведений об обработке персональных данных',
    done:
      'В соответствии со статьёй 14 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных ' +
      'данных» предоставляем сведения об обработке Ваших персональных данных: перечень ' +
      'обрабатываемых данных, цели и правовые основания обработки, сроки хранения и источник их ' +
      'получения. Выгрузка всех сведений прилагается (архив ZIP с описанием в формате PDF).',
  },
  correction: {
    subject: 'Об уточнении персональных данных',
    done:
      'В соответствии с частью 3 статьи 20 и частью 1 статьи 21 Федерального закона от 27.07.2006 ' +
      '№ 152-ФЗ «О персональных данных» сообщаем, что Ваши персональные данные уточнены на ' +
      'основании представленных Вами сведений.',
  },
  erasure: {
    subject: 'Об уничтожении персональных данных',
    done:
      'В соответствии с частью 3 статьи 21 Федерального закона от 27.07.2006 № 152-ФЗ «О ' +
      'персональных данных» сообщаем, что обработка Ваших персональных данных прекращена, а сами ' +
      'данные уничтожены (обезличены) во всех информационных системах оператора. Сохранены только ' +
      'сведения в выставленных первичных документах, которые оператор обязан хранить по статье 29 ' +
      'Федерального закона от 06.12.2011 № 402-ФЗ «О бухгалтерском учёте».',
  },
};

const REFUSAL =
  'Рассмотрев Ваш запрос, сообщаем о мотивированном отказе в его удовлетворении по следующим ' +
  'основаниям:';

export function answerLetter(input: {
  operator: string;
  timeZone: string;
  request: PrivacyRequest;
  signer: string | null;
  today: string;
}): print.PlainDocument {
  const r = input.request;
  const t = TEMPLATES[r.kind];
  const blocks: print.PlainBlock[] = [
    {
      paragraph: `Уважаемый(ая) ${r.contactName ?? 'субъект персональных данных'}!`,
      bold: true,
    },
    {
      paragraph: `Ваш запрос от ${dateOf(r.receivedAt, input.timeZone)} рассмотрен${
        r.closedAt ? ` ${dateOf(r.closedAt, input.timeZone)}` : ''
      }.`,
    },
  ];
  if (r.status === 'rejected') blocks.push({ paragraph: REFUSAL });
  else blocks.push({ paragraph: t.done });
  if (r.answer) blocks.push({ paragraph: r.answer });
  if (r.kind === 'erasure' && r.erasedAt)
    blocks.push({
      paragraph: `Дата уничтожения (обезличивания): ${dateOf(r.erasedAt, input.timeZone)}. Не уничтожаются: ${KEPT_TABLES.join(', ')}.`,
    });
  if (r.status === 'open')
    blocks.push({
      paragraph: `Срок ответа: ${dateOf(r.dueAt, input.timeZone)}${r.extended ? ` (продлён: ${r.extensionReason})` : ''}.`,
    });
  return {
    title: t.subject,
    subtitle: `${input.operator}, ${dateOf(input.today, input.timeZone)}`,
    meta: [
      ['Кому', r.contactName ?? '—'],
      ['Номер запроса', r.id],
    ],
    blocks,
    signatures: [
      { role: 'Ответственный за обработку персональных данных', name: input.signer ?? '' },
    ],
  };
}

async function memberName(ctx: Ctx): Promise<string | null> {
  if (!ctx.actor.memberId) return null;
  const [r] = rowsOf<{ name: string }>(
    await ctx.tx.execute(sql`select u.name from members m join users u on u.id = m.user_id
      where m.workspace_id = ${ctx.workspaceId} and m.id = ${ctx.actor.memberId}`),
  );
  return r?.name ?? null;
}

export async function letterPdf(ctx: Ctx, id: string): Promise<Buffer> {
  const request = await getRequest(ctx, id);
  const ws = await workspaces.getWorkspace(ctx);
  return print.renderPlainPdf(
    answerLetter({
      operator: ws.name,
      timeZone: ws.timezone,
      request,
      signer: await memberName(ctx),
      today: new Date().toISOString(),
    }),
  );
}

export async function summaryPdf(
  ctx: Ctx,
  input: {
    request: { id: string; receivedAt: string };
    card: Contact;
    consents: ConsentLog;
    tables: Record<string, number>;
  },
): Promise<Buffer> {
  const ws = await workspaces.getWorkspace(ctx);
  return print.renderPlainPdf(
    exportSummary({
      ...input,
      operator: ws.name,
      timeZone: ws.timezone,
      generatedAt: new Date().toISOString(),
    }),
  );
}
