import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const letter = {
  kind: 'letter',
  name: 'Коммерческое предложение',
  subject: 'Предложение для {{ company.name }}',
  body: 'Здравствуйте, {{ client.firstName }}!\nСумма: {{ deal.amount | rub }} ({{ deal.stage }}).\n{{ manager.name }}, {{ workspace.name }}',
};

async function create(b: Browser, body: Record<string, unknown>) {
  const res = await b.call('POST', '/api/v1/templates', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; scope: string };
}

async function dealWithClient(b: Browser) {
  const company = await b.call('POST', '/api/v1/companies', { name: 'ООО «Вектор»' });
  const contact = await b.call('POST', '/api/v1/contacts', {
    firstName: 'Мария',
    lastName: 'Иванова',
    companyId: company.body.id,
    emails: [{ address: 'maria@vector.example' }],
  });
  const deal = await b.call('POST', '/api/v1/deals', {
    title: 'Поставка котлов',
    amount: 4_200_000,
    companyId: company.body.id,
    contactIds: [contact.body.id],
  });
  expect(deal.status, JSON.stringify(deal.body)).toBe(201);
  return { dealId: deal.body.id as string, contactId: contact.body.id as string };
}

describe('templates', () => {
  it('a letter is created, listed, changed and previewed against a real deal', async () => {
    const owner = await signUp(env.app);
    const t = await create(owner, letter);
    expect(t.scope).toBe('personal');
    const list = await owner.call('GET', '/api/v1/templates?kind=letter');
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([t.id]);

    const { dealId, contactId } = await dealWithClient(owner);
    const p = await owner.call('POST', `/api/v1/templates/${t.id}/preview`, { dealId });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.sample).toBe(false);
    expect(p.body.subject).toBe('Предложение для ООО «Вектор»');
    expect(p.body.body).toBe(
      `Здравствуйте, Мария!\nСумма: 42 000,00 ₽ (${p.body.body.match(/\((.+)\)/)![1]}).\nИван Петров, ООО «Ромашка»`,
    );
    expect(p.body.body).not.toContain('()');

    const byContact = await owner.call('POST', `/api/v1/templates/${t.id}/preview`, { contactId });
    expect(byContact.body.body).toContain('Здравствуйте, Мария!');

    const sample = await owner.call('POST', `/api/v1/templates/${t.id}/preview`, {});
    expect(sample.body.sample).toBe(true);
    expect(sample.body.subject).toBe('Предложение для ООО «Вектор»');

    const patched = await owner.call('PATCH', `/api/v1/templates/${t.id}`, {
      body: 'Hello, {{ client.firstName | upcase }}',
      locale: 'en',
    });
    expect(patched.status).toBe(200);
    const en = await owner.call('POST', `/api/v1/templates/${t.id}/preview`, {});
    expect(en.body.body).toBe('Hello, MARY');

    expect((await owner.call('DELETE', `/api/v1/templates/${t.id}`)).status).toBe(204);
    expectProblem(
      await owner.call('GET', `/api/v1/templates/${t.id}`),
      404,
      'message_template.not_found',
    );
  });

  it('bad input is refused naming the field, and nothing is stored', async () => {
    const owner = await signUp(env.app);
    expectProblem(
      await owner.call('POST', '/api/v1/templates', { name: 'x', body: 'y' }),
      400,
      'request.invalid',
      'kind',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/templates', { ...letter, body: 'Hi {{ client.name ' }),
      422,
      'message_template.invalid',
      'body',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/templates', { ...letter, subject: '{% if %}' }),
      422,
      'message_template.invalid',
      'subject',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/templates', { ...letter, body: '{{ secret.key }}' }),
      422,
      'message_template.invalid',
      'body',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/templates', {
        ...letter,
        body: '{{ client.name | evil }}',
      }),
      422,
      'message_template.invalid',
      'body',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/templates', {
        kind: 'message',
        name: 'm',
        subject: 'S',
        body: 'b',
      }),
      422,
      'message_template.invalid',
      'subject',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/templates', { ...letter, body: 'x'.repeat(20_001) }),
      400,
      'request.invalid',
      'body',
    );
    expect((await owner.call('GET', '/api/v1/templates')).body.items).toEqual([]);
  });

  it('a hostile template is refused or renders inert, within the limits', async () => {
    const owner = await signUp(env.app);
    const { dealId } = await dealWithClient(owner);
    // Loading files: the tags do not exist here.
    for (const body of [
      '{% include "/etc/passwd" %}',
      '{% render "../../package.json" %}',
      '{% layout "x" %}',
      '{{ process.env.HOME }}',
      '{{ constructor }}',
    ])
      expectProblem(
        await owner.call('POST', '/api/v1/templates', { ...letter, body }),
        422,
        'message_template.invalid',
        'body',
      );
    // A prototype walk finds nothing: only the record's own, named fields are there.
    const walk = await create(owner, {
      ...letter,
      body: '[{{ client.constructor }}|{{ client.__proto__ }}|{{ client["constructor"]["constructor"] }}|{{ client.name.constructor }}|{{ deal.amount.toString }}|{% assign f = client.constructor %}{{ f.name }}{{ f.prototype }}|{{ client.hasOwnProperty }}]',
    });
    const inert = await owner.call('POST', `/api/v1/templates/${walk.id}/preview`, { dealId });
    expect(inert.status).toBe(200);
    expect(inert.body.body).toBe('[||||||]');
    // Huge loops and memory: stopped by the limits, answered 422, not a hung server.
    for (const body of [
      '{% for i in (1..100000000) %}x{% endfor %}',
      '{% for i in (1..5000) %}{% for j in (1..5000) %}{% endfor %}{% endfor %}',
      '{% assign s = "aaaaaaaaaa" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}',
    ]) {
      const t = await create(owner, { ...letter, body });
      const started = Date.now();
      const res = await owner.call('POST', `/api/v1/templates/${t.id}/preview`, { dealId });
      expectProblem(res, 422, 'message_template.invalid', 'body');
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it('personal templates are their author’s; shared ones are changed only by the head', async () => {
    const owner = await signUp(env.app);
    const m1 = (await addMember(env.app, owner, 'manager')).browser;
    const m2 = (await addMember(env.app, owner, 'manager')).browser;
    const head = (await addMember(env.app, owner, 'head')).browser;
    const mine = await create(m1, { kind: 'message', name: 'Моё', body: 'Добрый день!' });
    expectProblem(
      await m2.call('GET', `/api/v1/templates/${mine.id}`),
      404,
      'message_template.not_found',
    );
    expect((await m2.call('GET', '/api/v1/templates')).body.items).toEqual([]);
    expectProblem(
      await m1.call('POST', '/api/v1/templates', {
        kind: 'message',
        name: 'Всем',
        scope: 'shared',
        body: 'x',
      }),
      403,
      'auth.forbidden',
      'scope',
    );
    expectProblem(
      await m1.call('PATCH', `/api/v1/templates/${mine.id}`, { scope: 'shared' }),
      403,
      'auth.forbidden',
    );
    const shared = await create(head, {
      kind: 'message',
      name: 'Всем',
      scope: 'shared',
      body: 'Здравствуйте!',
    });
    const seen = (await m2.call('GET', '/api/v1/templates')).body.items.map(
      (x: { id: string }) => x.id,
    );
    expect(seen).toEqual([shared.id]);
    expectProblem(
      await m2.call('PATCH', `/api/v1/templates/${shared.id}`, { body: 'Изменено' }),
      403,
      'auth.forbidden',
    );
    expectProblem(await m2.call('DELETE', `/api/v1/templates/${shared.id}`), 403, 'auth.forbidden');
    expect((await m2.call('POST', `/api/v1/templates/${shared.id}/preview`, {})).status).toBe(200);
    // A record the caller cannot see answers as missing.
    const { dealId } = await dealWithClient(owner);
    expectProblem(
      await m2.call('POST', `/api/v1/templates/${shared.id}/preview`, { dealId }),
      404,
      'deal.not_found',
    );
  });
});
