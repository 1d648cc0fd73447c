import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWorkspace } from '../../platform/db/tenancy.js';
import { newId } from '../../platform/ids.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
let owner: Browser;
let other: Browser;
let manager: Awaited<ReturnType<typeof addMember>>;

type Seed = {
  companies?: { name: string; inn?: string; website?: string; ownerId?: string | null }[];
  contacts?: { fullName: string; phone?: string; email?: string; ownerId?: string | null }[];
  deals?: string[];
  leads?: { title: string; phone?: string }[];
};

// Rows written straight into the tables (SQL, as other modules' tables are theirs): this suite is
// about finding records, not about creating them.
async function seed(workspaceId: string, s: Seed) {
  await inWorkspace(env.database.db, workspaceId, async (tx) => {
    for (const c of s.companies ?? [])
      await tx.execute(
        sql`insert into companies (workspace_id, id, name, inn, website, owner_id) values (${workspaceId}, ${newId()}, ${c.name}, ${c.inn ?? null}, ${c.website ?? null}, ${c.ownerId ?? null})`,
      );
    for (const c of s.contacts ?? []) {
      const id = newId();
      await tx.execute(
        sql`insert into contacts (workspace_id, id, full_name, owner_id) values (${workspaceId}, ${id}, ${c.fullName}, ${c.ownerId ?? null})`,
      );
      for (const [kind, value] of [
        ['phone', c.phone],
        ['email', c.email],
      ] as const) {
        if (value)
          await tx.execute(
            sql`insert into contact_points (workspace_id, id, contact_id, kind, value) values (${workspaceId}, ${newId()}, ${id}, ${kind}, ${value})`,
          );
      }
    }
    if (s.deals?.length) {
      const [pipelineId, stageId] = [newId(), newId()];
      await tx.execute(
        sql`insert into pipelines (workspace_id, id, name) values (${workspaceId}, ${pipelineId}, 'Тест')`,
      );
      await tx.execute(
        sql`insert into stages (workspace_id, id, pipeline_id, name, position) values (${workspaceId}, ${stageId}, ${pipelineId}, 'Переговоры', 0)`,
      );
      for (const title of s.deals)
        await tx.execute(
          sql`insert into deals (workspace_id, id, title, pipeline_id, stage_id) values (${workspaceId}, ${newId()}, ${title}, ${pipelineId}, ${stageId})`,
        );
    }
    for (const l of s.leads ?? [])
      await tx.execute(
        sql`insert into leads (workspace_id, id, channel, title, contact_phone) values (${workspaceId}, ${newId()}, 'web', ${l.title}, ${l.phone ?? null})`,
      );
  });
}

const wsOf = (b: Browser) => b.info.me!.workspace.id;
const find = async (b: Browser, q: string, extra = '') => {
  const res = await b.call('GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    groups: {
      type: string;
      items: {
        title: string;
        matchedOn: string;
        highlight: { text: string; match: boolean }[] | null;
        subtitle: string | null;
      }[];
    }[];
  };
};
const titles = (r: Awaited<ReturnType<typeof find>>, type: string) =>
  r.groups.find((g) => g.type === type)?.items.map((i) => i.title) ?? [];

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
  other = await signUp(env.app, { companyName: 'ООО «Чужие»' });
  manager = await addMember(env.app, owner, 'manager');
  await seed(wsOf(owner), {
    companies: [
      { name: 'ООО «Ромашка»', inn: '7707083893' },
      { name: 'АО «Василёк»', inn: '500100732259' },
      { name: 'Менеджерская фирма', ownerId: manager.memberId },
    ],
    contacts: [
      { fullName: 'Анна Иванова', phone: '+79123456789', email: 'anna@romashka.ru' },
      { fullName: 'Пётр Иванов' },
      { fullName: 'Сергей Сидоров', ownerId: manager.memberId },
    ],
    deals: ['Поставка оборудования для Ромашки', 'Годовой контракт'],
    leads: [{ title: 'Заявка с сайта: кондиционеры', phone: '+79123456789' }],
  });
  await seed(wsOf(other), {
    companies: [{ name: 'ООО «Ромашка» чужая', inn: '7707083893' }],
    contacts: [
      { fullName: 'Анна Иванова чужая', phone: '+79123456789', email: 'anna@romashka.ru' },
    ],
  });
});
afterAll(async () => env?.close());

describe('global search', () => {
  it('finds a person whatever the case of her surname (Russian morphology)', async () => {
    for (const q of ['Иванова', 'Ивановой', 'Иванову']) {
      const r = await find(owner, q, '&types=contacts');
      expect(titles(r, 'contacts'), q).toContain('Анна Иванова');
      expect(r.groups.find((g) => g.type === 'contacts')!.items[0]!.matchedOn).toBe('text');
    }
  });

  it('highlights the matched word as segments, never as HTML', async () => {
    const r = await find(owner, 'Ивановой', '&types=contacts');
    const hit = r.groups[0]!.items.find((i) => i.title === 'Анна Иванова')!;
    expect(hit.highlight).toEqual([
      { text: 'Анна ', match: false },
      { text: 'Иванова', match: true },
    ]);
  });

  it('finds a company and a deal despite a typo', async () => {
    const r = await find(owner, 'Ромашко', '&types=companies');
    expect(titles(r, 'companies')).toContain('ООО «Ромашка»');
    const c = await find(owner, 'Ивонов', '&types=contacts');
    expect(titles(c, 'contacts')).toEqual(expect.arrayContaining(['Пётр Иванов']));
    expect(c.groups[0]!.items.find((i) => i.title === 'Пётр Иванов')!.matchedOn).toBe('fuzzy');
    const d = await find(owner, 'Годавой', '&types=deals');
    expect(titles(d, 'deals')).toContain('Годовой контракт');
  });

  it('finds by the beginning of a word as it is typed', async () => {
    expect(titles(await find(owner, 'Рома', '&types=companies'), 'companies')).toContain(
      'ООО «Ромашка»',
    );
  });

  it('finds a phone written in any format, in contacts and leads', async () => {
    for (const q of ['8 912 345-67-89', '+7 (912) 345-67-89', '89123456789', '9123456789']) {
      const r = await find(owner, q);
      const contact = r.groups.find((g) => g.type === 'contacts')!.items;
      expect(
        contact.map((i) => i.title),
        q,
      ).toEqual(['Анна Иванова']);
      expect(contact[0]!.matchedOn).toBe('phone');
      expect(contact[0]!.subtitle).toBe('+79123456789');
      expect(titles(r, 'leads'), q).toEqual(['Заявка с сайта: кондиционеры']);
    }
  });

  it('answers a matching phone with the exact matches alone, not with loose text hits', async () => {
    const r = await find(owner, '8 912 345-67-89');
    const matched = r.groups.flatMap((g) => g.items.map((i) => i.matchedOn));
    expect(matched.length).toBeGreaterThan(0);
    expect(new Set(matched)).toEqual(new Set(['phone']));
  });

  it('finds an e-mail whatever its case', async () => {
    const r = await find(owner, 'Anna@Romashka.RU', '&types=contacts');
    expect(r.groups[0]!.items.map((i) => [i.title, i.matchedOn])).toEqual([
      ['Анна Иванова', 'email'],
    ]);
  });

  it('finds a company by its INN, 10 or 12 digits', async () => {
    expect(
      (await find(owner, '7707083893', '&types=companies')).groups[0]!.items.map((i) => [
        i.title,
        i.matchedOn,
      ]),
    ).toEqual([['ООО «Ромашка»', 'inn']]);
    expect(titles(await find(owner, '500100732259', '&types=companies'), 'companies')).toEqual([
      'АО «Василёк»',
    ]);
  });

  it("never shows another workspace's records", async () => {
    for (const q of [
      'Ромашка',
      'Иванова',
      '+79123456789',
      'anna@romashka.ru',
      '7707083893',
      'Ромашко',
    ]) {
      const r = await find(owner, q);
      expect(JSON.stringify(r), q).not.toContain('чужая');
    }
  });

  it('shows a manager with "own" visibility only their own records', async () => {
    const r = await find(manager.browser, 'Сидоров');
    expect(titles(r, 'contacts')).toEqual(['Сергей Сидоров']);
    expect(titles(await find(manager.browser, 'Иванова'), 'contacts')).toEqual([]);
    expect(titles(await find(manager.browser, '7707083893'), 'companies')).toEqual([]);
    expect(titles(await find(manager.browser, 'Менеджерская'), 'companies')).toEqual([
      'Менеджерская фирма',
    ]);
  });

  it('skips the types a role may not read', async () => {
    const roles = (await owner.call('GET', '/api/v1/roles')).body.items;
    const matrix = roles.find((r: { key: string }) => r.key === 'manager').permissions;
    await owner.call('PUT', '/api/v1/roles/manager', {
      permissions: { ...matrix, deals: { ...matrix.deals, read: false } },
    });
    const r = await find(manager.browser, 'контракт');
    expect(r.groups.map((g) => g.type)).not.toContain('deals');
    await owner.call('PUT', '/api/v1/roles/manager', { permissions: matrix });
  });

  it('groups results by the types asked for, within the limit', async () => {
    const r = await find(owner, 'Ромашка', '&types=companies,deals&limit=1');
    expect(r.groups.map((g) => g.type)).toEqual(['companies', 'deals']);
    expect(r.groups.every((g) => g.items.length <= 1)).toBe(true);
  });

  describe('partial keys and ranking (issue 11)', () => {
    beforeAll(async () => {
      await seed(wsOf(owner), {
        companies: [
          { name: 'ООО «Уралметпром»', website: 'https://uralmetprom.ru' },
          { name: 'ООО «Уралметпромснаб»', website: 'https://www.uralmetpromsnab.ru/contacts' },
        ],
        contacts: [
          {
            fullName: 'Иван Петрович Кравцов',
            phone: '+79127774567',
            email: 'i.kravtsov@uralmetprom.ru',
          },
          { fullName: 'Олег Петров', phone: '+79221234567', email: 'petrov@uralmetpromsnab.ru' },
          { fullName: 'Мария Лаптева', phone: '+73432101010', email: 'laptevam@yandex.ru' },
        ],
        leads: [{ title: 'Заявка: прокат', phone: '+79127774567' }],
      });
      await seed(wsOf(other), {
        contacts: [
          { fullName: 'Чужой Кравцов чужая', phone: '+79127774567', email: 'x@uralmetprom.ru' },
        ],
      });
    });

    it('finds a phone by its beginning as typed ("8 912 777", "+7 912 777", "912 777"), in contacts and leads', async () => {
      for (const q of ['8 912 777', '+7 912 777', '912 777', '8 (912) 777-4']) {
        const r = await find(owner, q);
        const hits = r.groups.find((g) => g.type === 'contacts')!.items;
        expect(
          hits.map((i) => [i.title, i.matchedOn, i.subtitle]),
          q,
        ).toEqual([['Иван Петрович Кравцов', 'phone', '+79127774567']]);
        expect(titles(r, 'leads'), q).toEqual(['Заявка: прокат']);
        expect(JSON.stringify(r), q).not.toContain('чужая');
      }
    });

    it('finds a phone by its last digits', async () => {
      expect(titles(await find(owner, '4567', '&types=contacts'), 'contacts').sort()).toEqual([
        'Иван Петрович Кравцов',
        'Олег Петров',
      ]);
      expect(titles(await find(owner, '774567', '&types=contacts,leads'), 'contacts')).toEqual([
        'Иван Петрович Кравцов',
      ]);
      expect(titles(await find(owner, '10-10', '&types=contacts'), 'contacts')).toEqual([
        'Мария Лаптева',
      ]);
    });

    it('finds the people and the company of an e-mail domain, written with or without "@"', async () => {
      for (const q of ['@uralmetprom.ru', 'uralmetprom.ru', 'URALMETPROM.RU']) {
        const r = await find(owner, q, '&types=companies,contacts');
        expect(
          r.groups
            .find((g) => g.type === 'contacts')!
            .items.map((i) => [i.title, i.matchedOn, i.subtitle]),
          q,
        ).toEqual([['Иван Петрович Кравцов', 'email', 'i.kravtsov@uralmetprom.ru']]);
        // Not uralmetpromsnab.ru: the domain is whole.
        expect(titles(r, 'companies'), q).toEqual(['ООО «Уралметпром»']);
        expect(JSON.stringify(r), q).not.toContain('чужая');
      }
      expect(
        titles(await find(owner, 'uralmetpromsnab.ru', '&types=companies'), 'companies'),
      ).toEqual(['ООО «Уралметпромснаб»']);
    });

    it('puts the exact surname above a patronymic that starts the same ("Петров": Петров, then Иван Петрович)', async () => {
      // (Пётр Иванов is found too: "Петров" and "Пётр" share the Russian stem; he comes after.)
      const found = titles(await find(owner, 'Петров', '&types=contacts'), 'contacts');
      expect(found[0]).toBe('Олег Петров');
      expect(found).toContain('Иван Петрович Кравцов');
      expect(titles(await find(owner, 'Петрович', '&types=contacts'), 'contacts')[0]).toBe(
        'Иван Петрович Кравцов',
      );
    });
  });

  it('refuses an empty query or an unknown type, naming the field', async () => {
    expectProblem(await owner.call('GET', '/api/v1/search?q='), 400, 'request.invalid', 'q');
    expectProblem(
      await owner.call('GET', '/api/v1/search?q=x&types=users'),
      400,
      'request.invalid',
      'types',
    );
  });
});
