// Seeded generator of a large client base for the list/search benchmarks (issue 3 figures).
//   tsx bench/crm-seed.ts --database-url postgres://…/db  [--scale 1]      (PostgreSQL)
//   tsx bench/crm-seed.ts --data-dir /tmp/voronka-bench   --scale 0.1      (PGlite)
// Scale 1 = 1,000,000 contacts, 200,000 companies, 1,000,000 leads, 300,000 deals, 3,000,000
// activities in one workspace with 30 managers in 3 teams. Rows are made by PostgreSQL itself
// (generate_series, setseed for repeatability) in chunks, so PGlite transactions stay short.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/platform/db/client.js';
import { migrateDatabase } from '../src/platform/db/migrate.js';
import { rowsOf } from '../src/platform/db/rls.js';
import { inWorkspace } from '../src/platform/db/tenancy.js';
import { systemActor } from '../src/platform/context.js';
import * as workspaces from '../src/modules/workspaces/service.js';

export type Seeded = {
  workspaceId: string;
  slug: string;
  email: string;
  password: string;
  counts: Record<string, number>;
};

const LAST = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
];
const FIRST = [
  'Александр',
  'Сергей',
  'Дмитрий',
  'Андрей',
  'Алексей',
  'Максим',
  'Евгений',
  'Иван',
  'Михаил',
  'Артём',
  'Елена',
  'Ольга',
  'Наталья',
  'Анна',
  'Мария',
  'Ирина',
  'Татьяна',
  'Екатерина',
  'Светлана',
  'Юлия',
];
const COMPANY = [
  'Ромашка',
  'Вектор',
  'Альянс',
  'Гранит',
  'Восход',
  'Меридиан',
  'Сибирь',
  'Прогресс',
  'Техноком',
  'Стройинвест',
  'Агроснаб',
  'Метиз',
  'Полимер',
  'Энергия',
  'Транзит',
  'Форвард',
  'Каскад',
  'Орион',
  'Квант',
  'Северсталь',
];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

// UUIDv7 made in SQL (PostgreSQL 15 has no uuidv7()): millisecond time prefix, random rest.
const UUID7 = `create or replace function pg_temp.uuid7(t timestamptz) returns uuid language sql volatile as $$
  select (lpad(to_hex((extract(epoch from t) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 3)
    || to_hex(8 + floor(random() * 4)::int) || substr(md5(random()::text), 1, 15))::uuid $$;`;

async function chunked(
  db: Database,
  total: number,
  chunk: number,
  label: string,
  statement: (from: number, to: number) => string,
) {
  const t0 = performance.now();
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    await db.exec(UUID7 + statement(from, to));
  }
  console.error(`  ${label}: ${total} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

type Counts = Record<'companies' | 'contacts' | 'leads' | 'deals' | 'activities', number>;
type Gen = {
  database: Database;
  ws: string;
  counts: Counts;
  owners: string;
  pick: (a: string, salt: string) => string;
  at: string;
};

export async function seedClientBase(database: Database, scale: number): Promise<Seeded> {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const counts = {
    companies: n(200_000),
    contacts: n(1_000_000),
    leads: n(1_000_000),
    deals: n(300_000),
    activities: n(3_000_000),
  };
  const email = `bench.${Date.now()}@example.ru`;
  const password = 'bench-password-1';
  const created = await workspaces.createWorkspaceWithOwner(database.db, {
    companyName: 'Бенчмарк',
    ownerName: 'Владелец',
    email,
    password,
    existingUser: 'reject',
  });
  const ws = created.workspaceId;
  const owners = await seedTeams(database, ws);
  const pick = (a: string, salt: string) =>
    `(${a})[1 + (abs(hashtext(g::text || '${salt}')) % array_length(${a}, 1))]`;
  const at = `now() - make_interval(mins => (abs(hashtext(g::text || 't')) % 525600))`;
  await database.exec(`select setseed(0.42)`);
  const gen: Gen = { database, ws, counts, owners, pick, at };
  await seedCompanies(gen);
  await seedContacts(gen);
  await seedLeads(gen);
  await seedDeals(gen);
  await seedActivities(gen);
  await database.exec('analyze;');
  return { workspaceId: ws, slug: created.slug, email, password, counts };
}

// Three teams of ten managers; returns their member ids as an SQL array literal.
async function seedTeams(database: Database, ws: string): Promise<string> {
  await inWorkspace(database.db, ws, async (tx) => {
    const ctx = { tx, workspaceId: ws, actor: systemActor, ip: null, requestId: 'bench' };
    for (let i = 0; i < 3; i++) {
      const team = await workspaces.createTeam(ctx, { name: `Отдел ${i + 1}` });
      await tx.execute(
        sql`insert into users (id, email, name) select gen_random_uuid(), 'm' || g || '.' || ${i} || '.' || ${ws} || '@bench.ru', 'Менеджер ' || g from generate_series(1, 10) g`,
      );
      await tx.execute(sql`insert into members (workspace_id, id, user_id, role, team_id)
        select ${ws}, gen_random_uuid(), u.id, 'manager', ${team.id} from users u where u.email like ${`%.${i}.${ws}@bench.ru`}`);
    }
  });
  const [m] = rowsOf<{ ids: string[] }>(
    await database.db.execute(
      sql`select array_agg(id order by id) as ids from members where workspace_id = ${ws}`,
    ),
  );
  return `array[${m!.ids.map((id) => `'${id}'::uuid`).join(',')}]`;
}

async function seedCompanies({ database, ws, counts, owners, pick, at }: Gen) {
  await chunked(
    database,
    counts.companies,
    50_000,
    'companies',
    (a, b) => `
    insert into companies (workspace_id, id, name, legal_form, inn, industry, owner_id, created_at, updated_at)
    select '${ws}', pg_temp.uuid7(${at}), 'ООО «' || ${pick(arr(COMPANY), 'c')} || ' ' || g || '»', 'ООО',
      lpad((7700000000 + g)::text, 10, '0'), ${pick(arr(['Строительство', 'Торговля', 'Производство', 'Логистика', 'IT']), 'i')},
      ${pick(owners, 'o')}, ${at}, ${at}
    from generate_series(${a}, ${b}) g;`,
  );
  const [companyIds] = rowsOf<{ n: number }>(
    await database.db.execute(
      sql`select count(*)::int as n from companies where workspace_id = ${ws}`,
    ),
  );
  console.error(`  companies in table: ${companyIds?.n}`);
}

async function seedContacts({ database, ws, counts, owners, pick, at }: Gen) {
  await chunked(
    database,
    counts.contacts,
    50_000,
    'contacts (+ phone and e-mail points)',
    (a, b) => `
    with c as (
      insert into contacts (workspace_id, id, first_name, last_name, full_name, position, owner_id, created_at, updated_at)
      select '${ws}', pg_temp.uuid7(${at}), f, l, l || ' ' || f, ${pick(arr(['Директор', 'Закупщик', 'Главный инженер', 'Бухгалтер']), 'p')}, ${pick(owners, 'o')}, ${at}, ${at}
      from (select g, ${pick(arr(FIRST), 'f')} as f, ${pick(arr(LAST), 'l')} || case when abs(hashtext(g::text || 's')) % 2 = 0 then '' else 'а' end as l from generate_series(${a}, ${b}) g) s
      returning id, created_at)
    insert into contact_points (workspace_id, id, contact_id, kind, value)
    select '${ws}', gen_random_uuid(), id, k.kind, case k.kind when 'phone' then '+79' || lpad((abs(hashtext(id::text)) % 1000000000)::text, 9, '0') else 'c' || replace(id::text, '-', '') || '@example.ru' end
    from c cross join (values ('phone'), ('email')) k(kind);`,
  );
}

async function seedLeads({ database, ws, counts, owners, pick, at }: Gen) {
  await chunked(
    database,
    counts.leads,
    50_000,
    'leads',
    (a, b) => `
    insert into leads (workspace_id, id, channel, title, message, contact_name, contact_phone, contact_email, status, assignee_id, received_at, created_at, updated_at)
    select '${ws}', pg_temp.uuid7(${at}), ${pick(arr(['web', 'email', 'telegram', 'vk', 'whatsapp', 'phone']), 'ch')},
      'Заявка ' || g, 'Нужен расчёт стоимости: ' || ${pick(arr(['кирпич', 'бетон', 'доставка', 'монтаж', 'арматура']), 'm')} || ', ' || (g % 500) || ' шт.',
      ${pick(arr(FIRST), 'f')}, '+79' || lpad((g % 1000000000)::text, 9, '0'), 'lead' || g || '@example.ru',
      ${pick(arr(['new', 'in_work', 'qualified', 'converted', 'junk']), 's')}, ${pick(owners, 'o')}, ${at}, ${at}, ${at}
    from generate_series(${a}, ${b}) g;`,
  );
}

// Deals over the workspace's pipeline (one is made when there is none).
async function seedDeals(gen: Gen) {
  const { database, ws, counts, owners, pick, at } = gen;
  const [pipeline] = rowsOf<{ id: string }>(
    await database.db.execute(sql`select id from pipelines where workspace_id = ${ws} limit 1`),
  );
  let stageIds: string[] = [];
  let pipelineId = pipeline?.id;
  if (!pipelineId) {
    pipelineId = rowsOf<{ id: string }>(
      await database.db.execute(sql`select gen_random_uuid() as id`),
    )[0]!.id;
    await database.exec(`insert into pipelines (workspace_id, id, name, is_default) values ('${ws}', '${pipelineId}', 'Продажи', true);
      insert into stages (workspace_id, id, pipeline_id, name, position, probability, kind)
      select '${ws}', gen_random_uuid(), '${pipelineId}', s.name, s.pos, s.p, s.kind from (values
        ('Новая', 0, 10, 'open'), ('Переговоры', 1, 20, 'open'), ('КП', 2, 40, 'open'), ('Договор', 3, 60, 'open'),
        ('Счёт', 4, 80, 'open'), ('Отгрузка', 5, 90, 'open'), ('Успешно', 6, 100, 'won'), ('Проиграно', 7, 0, 'lost')) s(name, pos, p, kind);`);
  }
  stageIds = rowsOf<{ id: string }>(
    await database.db.execute(
      sql`select id from stages where workspace_id = ${ws} and pipeline_id = ${pipelineId} order by position`,
    ),
  ).map((r) => r.id);
  const stages = `array[${stageIds.map((id) => `'${id}'::uuid`).join(',')}]`;
  await chunked(
    database,
    counts.deals,
    50_000,
    'deals',
    (a, b) => `
    insert into deals (workspace_id, id, title, pipeline_id, stage_id, amount, currency, owner_id, board_position, stage_entered_at, created_at, updated_at)
    select '${ws}', pg_temp.uuid7(${at}), 'Поставка ' || ${pick(arr(['кирпича', 'бетона', 'арматуры', 'щебня']), 'd')} || ' №' || g, '${pipelineId}',
      ${pick(stages, 'st')}, (abs(hashtext(g::text || 'a')) % 100000000)::bigint, 'RUB', ${pick(owners, 'o')}, g, ${at}, ${at}, ${at}
    from generate_series(${a}, ${b}) g;`,
  );
}

async function seedActivities({ database, ws, counts, pick, at }: Gen) {
  // Three activities per contact, walking contacts in chunks of their ids.
  const perContact = Math.max(1, Math.round(counts.activities / counts.contacts));
  await chunked(
    database,
    counts.contacts,
    50_000,
    `activities (${perContact} per contact)`,
    (a, b) => `
    insert into activities (workspace_id, id, kind, at, actor_id, contact_id, body)
    select '${ws}', pg_temp.uuid7(${at.replaceAll('g::text', 'c.id::text || k::text')}), ${pick(arr(['call', 'email', 'note', 'meeting']), 'k').replaceAll('g::text', 'k::text')},
      ${at.replaceAll('g::text', 'c.id::text || k::text')}, c.owner_id, c.id, 'Обсудили условия поставки'
    from (select id, owner_id from contacts where workspace_id = '${ws}' order by id offset ${a - 1} limit ${b - a + 1}) c
    cross join generate_series(1, ${perContact}) k;`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      scale: { type: 'string', default: '1' },
    },
  });
  const database = await openDatabase({
    databaseUrl: values['database-url'],
    dataDir: values['data-dir'],
  });
  await migrateDatabase(database);
  const t0 = performance.now();
  const seeded = await seedClientBase(database, Number(values.scale));
  console.error(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  console.log(JSON.stringify(seeded));
  await database.close();
}
