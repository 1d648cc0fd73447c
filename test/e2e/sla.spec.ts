import { expect, request as playwrightRequest, test } from '@playwright/test';

// The department's queue from the head's chair: a website request arrives, is routed to the first
// manager with a live countdown to its first-response deadline, nobody answers, and when the
// deadline passes the server's own SLA clock moves it to the second manager — the page follows
// without a reload (Server-Sent Events) and the history says why.

test('a request arrives, counts down, and moves to the second manager when the deadline passes', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const signUp = await page.request.post('/api/v1/auth/sign-up', {
    data: {
      name: 'Ирина Руководитель',
      email: `sla.${stamp}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Кирпичный двор»',
    },
  });
  expect(signUp.status()).toBe(201);
  const { csrfToken } = await signUp.json();
  const post = async (url: string, data: unknown, method: 'post' | 'patch' | 'put' = 'post') => {
    const res = await page.request[method](url, { data, headers: { 'x-csrf-token': csrfToken } });
    expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
    return res.json();
  };

  // A team of two managers, joined by invitation (each in a context of their own).
  const team = await post('/api/v1/teams', { name: 'Отдел продаж' });
  const members: Record<string, string> = {};
  for (const [i, name] of ['Мария Первая', 'Борис Второй'].entries()) {
    const inv = await post('/api/v1/invitations', {
      email: `manager${i}.${stamp}@example.ru`,
      role: 'manager',
      teamId: team.id,
    });
    const token = String(inv.url).split('/invite/')[1];
    const ctx = await playwrightRequest.newContext({ baseURL });
    const accepted = await ctx.post(`/api/v1/invitations/by-token/${token}/accept`, {
      data: { name, password: 'member-password-1' },
    });
    expect(accepted.status(), await accepted.text()).toBeLessThan(300);
    members[name] = (await (await ctx.get('/api/v1/me')).json()).member.id;
    await ctx.dispose();
  }
  // Requests from the site go to Мария first (the team takes over when she misses one); 8 seconds to answer.
  await post('/api/v1/routing-rules', {
    name: 'Сайт — Марии',
    strategy: 'named',
    memberId: members['Мария Первая'],
    teamId: team.id,
    conditions: { channels: ['web'] },
  });
  await post('/api/v1/sla-policies', {
    name: 'Сайт: 8 секунд',
    channels: ['web'],
    responseSeconds: 8,
    maxMoves: 2,
  });
  const form = await post('/api/v1/forms', {
    name: 'Заказ кирпича',
    fields: [
      { key: 'name', label: 'Имя', type: 'text', required: true },
      { key: 'phone', label: 'Телефон', type: 'phone', required: true },
      { key: 'message', label: 'Что нужно', type: 'textarea', required: false },
    ],
  });

  await page.goto('/inbox');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // The client writes on the website (a server-side post: no Origin, as the docs allow).
  const sent = await page.request.post(`/api/public/forms/${form.publicKey}/submissions`, {
    data: {
      name: 'Олег Заказчиков',
      phone: '+7 912 345-67-01',
      message: 'Нужен кирпич облицовочный, 3000 шт, доставка в Казань до пятницы',
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);

  // It appears live, routed, with a countdown that runs.
  const row = page
    .getByRole('option', { name: /Олег Заказчиков/ })
    .or(page.getByRole('button', { name: /Олег Заказчиков/ }))
    .or(page.getByText('Олег Заказчиков'))
    .first();
  await expect(row).toBeVisible({ timeout: 10_000 });
  const countdown = page.getByTestId('sla-countdown').first();
  await expect(countdown).toBeVisible({ timeout: 10_000 });
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? '', { timeout: 5_000 });
  // Whose it is, as the server says (the list row and the view show the same assignee).
  const assigneeOf = async () => {
    const list = await (await page.request.get('/api/v1/inbox?sort=priority')).json();
    return (
      list.items.find((c: { clientName: string }) => c.clientName === 'Олег Заказчиков')
        ?.assigneeId ?? null
    );
  };
  await expect.poll(assigneeOf, { timeout: 10_000 }).toBe(members['Мария Первая']);
  await row.click();
  // The open conversation's assignee (the list's filter is the other "Ответственный").
  const assignee = page.getByRole('combobox', { name: 'Ответственный' }).last();
  await expect(assignee).toHaveValue('Мария Первая', { timeout: 10_000 });
  // Nobody answers: after the deadline the request is Борис's — the open page follows, no reload.
  await expect.poll(assigneeOf, { timeout: 15_000 }).toBe(members['Борис Второй']);
  await expect(assignee).toHaveValue('Борис Второй', { timeout: 5_000 });
  const conversations = await (await page.request.get('/api/v1/inbox?sort=priority')).json();
  const leadId = conversations.items.find(
    (c: { clientName: string }) => c.clientName === 'Олег Заказчиков',
  ).leadId;
  const history = await (await page.request.get(`/api/v1/leads/${leadId}/assignments`)).json();
  expect(
    history.items.map(
      (a: { member: { name: string } | null; reason: { code: string } }) =>
        `${a.member?.name}:${a.reason.code}`,
    ),
  ).toEqual(['Мария Первая:named', 'Борис Второй:sla_breach_moved']);
  expect(history.items[0].breachedAt).not.toBeNull();

  // The head's report shows Мария's miss, as a table and a chart.
  await page.goto('/reports/sla');
  await expect(page.getByRole('heading', { name: 'Отчёт по SLA' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Мария Первая/ })).toBeVisible();
  await expect(page.getByTestId('sla-chart').locator('svg path').first()).toBeAttached();
});
