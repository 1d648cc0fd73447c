import { sql } from 'drizzle-orm';
import type { Ctx } from '../platform/context.js';
import * as workspaces from '../modules/workspaces/service.js';
import { demoBanks, demoCompanies, type DemoCompany } from './data.js';
import {
  femaleFirst,
  lastNames,
  maleFirst,
  mobilePrefixes,
  patronymics,
  positions,
} from './people-data.js';
import { seedDemoDeals, type DemoDealRef } from './deals.js';
import { DAY, demoRandom, idAt, type DemoPerson, type Random } from './kit.js';
import * as activitiesService from '../modules/activities/service.js';
import * as clients from '../modules/clients/service.js';

const { composeFullName, toE164, withAccountKey, withInnCheck, withOgrnCheck } = clients;

export type CrmDemo = {
  companies: number;
  contacts: number;
  deals: number;
  tasks: number;
  activities: number;
  people: DemoPerson[];
  dealRefs: DemoDealRef[];
};

const translitMap: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
export const translit = (s: string) =>
  [...s.toLowerCase()].map((c) => translitMap[c] ?? c).join('');
const gendered = (last: string, sex: 'm' | 'f') =>
  sex === 'm'
    ? last
    : last.endsWith('ий')
      ? `${last.slice(0, -2)}ая`
      : /(ов|ев|ёв|ин|ын)$/.test(last)
        ? `${last}а`
        : last;

export function demoRequisites(c: DemoCompany, r: Random) {
  const bank = demoBanks[c.bank]!;
  const year = String(r.int(2, 21)).padStart(2, '0');
  const entrepreneur = c.form === 'ИП';
  const inn = withInnCheck(c.region + c.office + r.digits(entrepreneur ? 6 : 5));
  const ogrn = withOgrnCheck(
    entrepreneur
      ? `3${year}${c.region}${r.digits(9)}`
      : `1${year}${c.region}${c.office}${r.digits(5)}`,
  );
  const settlementAccount = withAccountKey(
    `${entrepreneur ? '40802810' : '40702810'}0${r.digits(11)}`,
    bank.bik,
    'settlementAccount',
  );
  return {
    inn,
    kpp: entrepreneur ? null : `${c.region}${c.office}01001`,
    ogrn,
    bankName: bank.name,
    bik: bank.bik,
    corrAccount: bank.corr,
    settlementAccount,
  };
}

// The first demo company's INN marks a workspace as seeded: a second run adds nothing.
const marker = () => demoRequisites(demoCompanies[0]!, demoRandom(20_240_501)).inn;

// The demo client base of a workspace: companies with valid requisites, their people, deals on
// every stage of the default pipeline with their history, tasks and a timeline. Written in bulk
// (a few statements, well under a second on PGlite) with the invariants the service keeps:
// full_name composed, phones E.164, e-mails lower-case, telegram without "@". Once per workspace:
// answers null when the demo is already there.
export async function seedCrmDemo(
  ctx: Ctx,
  members: workspaces.DemoMember[],
  now = new Date(),
): Promise<CrmDemo | null> {
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`crm-demo:${ctx.workspaceId}`}))`,
  );
  if (await clients.hasCompanyWithInn(ctx, marker())) return null;
  const r = demoRandom(20_240_501);
  const sellers = members.filter((m) => m.role === 'manager' || m.role === 'head');
  const owners = sellers.length ? sellers : members;
  const { timezone } = await workspaces.getWorkspace(ctx);
  const companyRows = demoCompanies.map((c, i) => {
    const createdAt = new Date(now.getTime() - (120 - i * 3) * DAY);
    return {
      ...demoRequisites(c, r),
      workspaceId: ctx.workspaceId,
      id: idAt(createdAt),
      name: c.name,
      legalForm: c.form,
      legalAddress: c.address,
      postalAddress: c.address,
      website: c.website && `https://${c.website}`,
      industry: c.industry,
      timezone: c.timezone,
      ownerId: r.pick(owners)?.id ?? null,
      tags: c.tags,
      createdAt,
      updatedAt: createdAt,
    };
  });
  const people = buildPeople(ctx, r, companyRows, owners, now);
  await clients.seedClients(ctx, {
    companies: companyRows,
    contacts: people.map((p) => p.row),
    points: people.flatMap((p) => p.points),
  });
  const result = await seedDemoDeals(ctx, {
    r,
    now,
    timezone,
    members,
    owners,
    companies: companyRows,
    people: people.map((p) => p.person),
  });
  const extra = contactActivities(
    ctx,
    r,
    people.map((p) => p.person),
    new Set(result.dealRefs.flatMap((d) => d.contactIds)),
    now,
  );
  await activitiesService.seedActivities(ctx, { activities: extra });
  return {
    companies: companyRows.length,
    contacts: people.length,
    deals: result.deals,
    tasks: result.tasks,
    activities: result.activities + extra.length,
    people: people.map((p) => p.person),
    dealRefs: result.dealRefs,
  };
}

type CompanyRow = {
  id: string;
  name: string;
  website: string | null;
  ownerId: string | null;
  createdAt: Date;
};

function buildPeople(
  ctx: Ctx,
  r: Random,
  rows: CompanyRow[],
  owners: workspaces.DemoMember[],
  now: Date,
) {
  const surnames = r.shuffle(lastNames);
  const out: ReturnType<typeof makePerson>[] = [];
  const person = (p: PersonSeed) => makePerson(ctx, r, now, out.length, p);
  rows.forEach((company, i) => {
    const c = demoCompanies[i]!;
    if (c.person) {
      const [last, first, middle, sex] = c.person;
      out.push(
        person({
          lastName: last,
          first,
          middle,
          sex,
          position: 'Индивидуальный предприниматель',
          company,
          dial: c.dial,
          ownerId: company.ownerId,
        }),
      );
      return;
    }
    const n = r.int(2, 3);
    const roles = [positions[0]!, ...r.shuffle(positions.slice(1))];
    for (let k = 0; k < n; k++) {
      const sex = r.next() < 0.45 ? 'f' : 'm';
      const pat = r.pick(patronymics);
      out.push(
        person({
          lastName: gendered(surnames.pop()!, sex),
          first: r.pick(sex === 'f' ? femaleFirst : maleFirst),
          middle: sex === 'f' ? pat[1] : pat[0],
          sex,
          position: roles[k]!,
          company,
          dial: c.dial,
          ownerId: company.ownerId,
        }),
      );
    }
  });
  // Private clients, not tied to a company.
  for (let k = 0; k < 4; k++) {
    const sex = k % 2 ? 'f' : 'm';
    const pat = r.pick(patronymics);
    out.push(
      person({
        lastName: gendered(surnames.pop()!, sex),
        first: r.pick(sex === 'f' ? femaleFirst : maleFirst),
        middle: sex === 'f' ? pat[1] : pat[0],
        sex,
        position: null,
        company: null,
        dial: null,
        ownerId: r.pick(owners)?.id ?? null,
      }),
    );
  }
  return out;
}

type PersonSeed = {
  lastName: string;
  first: string;
  middle: string;
  sex: 'm' | 'f';
  position: string | null;
  company: CompanyRow | null;
  dial: string | null;
  ownerId: string | null;
};

// One contact with its ways to reach them, its row and the reference the later seeders use.
function makePerson(ctx: Ctx, r: Random, now: Date, n: number, p: PersonSeed) {
  const { lastName } = p;
  const createdAt = new Date(
    (p.company?.createdAt.getTime() ?? now.getTime() - 60 * DAY) + r.int(1, 20) * 3_600_000,
  );
  const id = idAt(createdAt, n);
  const { mobile, email, points } = reachOf(r, p);
  const fullName = composeFullName({ firstName: p.first, lastName, middleName: p.middle });
  const tags =
    p.position === positions[0] || p.position === 'Индивидуальный предприниматель' ? ['ЛПР'] : [];
  const row = {
    workspaceId: ctx.workspaceId,
    id,
    firstName: p.first,
    lastName,
    middleName: p.middle,
    fullName,
    position: p.position,
    companyId: p.company?.id ?? null,
    ownerId: p.ownerId,
    consent: r.next() < 0.4 ? ('given' as const) : ('unknown' as const),
    tags,
    createdAt,
    updatedAt: createdAt,
  };
  const personRef: DemoPerson = {
    id,
    fullName,
    firstName: p.first,
    middleName: p.middle,
    phone: mobile,
    email: email?.toLowerCase() ?? null,
    companyId: p.company?.id ?? null,
    companyName: p.company?.name ?? null,
    ownerId: p.ownerId,
  };
  const withIds = points.map((pt, position) => ({
    ...pt,
    workspaceId: ctx.workspaceId,
    id: idAt(createdAt, position),
    contactId: id,
    position: pt.kind === 'phone' ? position : 0,
  }));
  return { row, points: withIds, person: personRef };
}

// A mobile always; sometimes a work phone, an e-mail (at the company's domain when it has a site),
// Telegram or WhatsApp.
function reachOf(r: Random, p: PersonSeed) {
  const { lastName } = p;
  const mobile = toE164(`+7${r.pick(mobilePrefixes)}${r.digits(7)}`, 'RU')!;
  const work =
    p.dial && r.next() < 0.5
      ? toE164(`+7${p.dial}${r.int(2, 3)}${r.digits(9 - p.dial.length)}`, 'RU')
      : null;
  const domain = p.company?.website ? new URL(p.company.website).hostname : null;
  const email = domain
    ? `${translit(p.first)[0]}.${translit(lastName)}@${domain}`
    : r.next() < 0.7
      ? `${translit(lastName)}.${translit(p.first)}@${r.pick(['yandex.ru', 'mail.ru', 'gmail.com'])}`
      : null;
  const telegram =
    r.next() < 0.35
      ? `${translit(p.first)}_${translit(lastName)}`.replace(/[^a-z0-9_]/g, '')
      : null;
  const whatsapp = !telegram && r.next() < 0.2 ? mobile : null;
  const points = [
    { kind: 'phone' as const, value: mobile, label: 'мобильный' },
    ...(work ? [{ kind: 'phone' as const, value: work, label: 'рабочий' }] : []),
    ...(email ? [{ kind: 'email' as const, value: email.toLowerCase(), label: null }] : []),
    ...(telegram ? [{ kind: 'telegram' as const, value: telegram, label: null }] : []),
    ...(whatsapp ? [{ kind: 'whatsapp' as const, value: whatsapp, label: null }] : []),
  ];
  return { mobile, email, points };
}

// A call or a note for some people who have no deal yet: the client base is not only the pipeline.
function contactActivities(
  ctx: Ctx,
  r: Random,
  people: DemoPerson[],
  withDeals: Set<string>,
  now: Date,
) {
  return people
    .filter((p) => !withDeals.has(p.id))
    .filter(() => r.next() < 0.5)
    .map((p, i) => {
      const at = new Date(now.getTime() - r.int(1, 20) * DAY - r.int(0, 8) * 3_600_000);
      const call = i % 2 === 0;
      return {
        workspaceId: ctx.workspaceId,
        id: idAt(at, i),
        kind: call ? ('call' as const) : ('note' as const),
        at,
        actorId: p.ownerId,
        contactId: p.id,
        companyId: p.companyId,
        body: call
          ? `${p.firstName} ${p.middleName} просит связаться в следующем квартале: планируют обновление оборудования.`
          : 'Познакомились на отраслевой выставке, обменялись контактами.',
        data: call ? { durationSeconds: r.int(2, 12) * 60, outcome: 'перезвонить позже' } : {},
      };
    });
}

// For the leads module's demo: timeline entries written at their own past times by the given
// member, with ids in time order (writeActivity stamps the present and the acting member).
export async function writeDemoActivities(
  ctx: Ctx,
  list: (activitiesService.NewActivity & { at: Date; actorId: string | null })[],
): Promise<number> {
  if (!list.length) return 0;
  await activitiesService.seedActivities(ctx, {
    activities: list.map((a, k) => ({
      workspaceId: ctx.workspaceId,
      id: idAt(a.at, k % 7),
      kind: a.kind,
      at: a.at,
      actorId: a.actorId,
      contactId: a.contactId ?? null,
      companyId: a.companyId ?? null,
      dealId: a.dealId ?? null,
      leadId: a.leadId ?? null,
      body: a.body ?? null,
      data: a.data ?? {},
    })),
  });
  return list.length;
}
