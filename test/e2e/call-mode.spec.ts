import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

// Call mode in the browser: a manager opens a call list, sees the client and the script, presses
// the call button — the PBX (a local stand-in for MANGO OFFICE's commands/callback, which cannot be
// reached from here; it checks the signature itself) is asked to ring the manager, then the
// client — picks the outcome with a key, saves, and the next client comes up.
test('a manager works a call list: call, outcome by keyboard, next client', async ({ page }) => {
  const rung: { extension: string; to: string; signed: boolean }[] = [];
  const salt = 'e2e-salt';
  const pbx = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const json = form.get('json') ?? '{}';
      const key = form.get('vpbx_api_key') ?? '';
      const signed =
        form.get('sign') === createHash('sha256').update(`${key}${json}${salt}`).digest('hex');
      const cmd = JSON.parse(json);
      rung.push({ extension: cmd.from?.extension, to: cmd.to_number, signed });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ result: signed ? 1000 : 3102 }));
    });
  });
  await new Promise<void>((r) => pbx.listen(0, '127.0.0.1', r));
  const pbxBase = `http://127.0.0.1:${(pbx.address() as AddressInfo).port}/vpbx`;

  const signUp = await page.request.post('/api/v1/auth/sign-up', {
    data: {
      name: 'Анна Иванова',
      email: `call-mode.${Date.now()}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Ромашка»',
    },
  });
  expect(signUp.status()).toBe(201);
  const session = await signUp.json();
  const headers = { 'x-csrf-token': session.csrfToken };
  const send = async (method: 'post' | 'put', path: string, data: unknown) => {
    const r = await page.request[method](`/api/v1${path}`, { data, headers });
    expect(r.ok(), await r.text()).toBe(true);
    return r.json();
  };
  await send('post', '/channels', {
    kind: 'phone',
    name: 'Mango Office',
    settings: { provider: 'mango', apiBase: pbxBase },
    secrets: { apiKey: 'e2e-key', apiSalt: salt },
  });
  await send('put', '/calls/extension', { extension: '101' });
  const first = await send('post', '/contacts', {
    firstName: 'Павел',
    lastName: 'Складов',
    phones: [{ number: '+7 916 100-20-30' }],
  });
  const second = await send('post', '/contacts', {
    firstName: 'Ирина',
    lastName: 'Полкова',
    phones: [{ number: '+7 916 100-20-31' }],
  });
  const list = await send('post', '/call-lists', {
    name: 'Склады',
    managerIds: [session.me.member.id],
    contactIds: [first.id, second.id],
    script: [{ title: 'Приветствие', text: 'Здравствуйте! Компания «Ромашка», стеллажи.' }],
  });

  await page.goto(`/call-lists/${list.id}`);
  await expect(page.getByRole('heading', { name: 'Склады' })).toBeVisible();
  await expect(page.getByText('Обзвонено 0 из 2')).toBeVisible();
  await expect(page.getByText('Здравствуйте! Компания «Ромашка», стеллажи.')).toBeVisible();
  const client = page.getByRole('region', { name: 'Клиент' });
  await expect(client.getByRole('heading', { name: 'Складов Павел' })).toBeVisible();

  await client.getByRole('button', { name: 'Позвонить на +79161002030' }).click();
  await expect(page.getByText('АТС звонит вам, затем клиенту +79161002030')).toBeVisible();
  expect(rung).toEqual([{ extension: '101', to: '79161002030', signed: true }]);

  // "4" picks "interested"; the note, then save: a request is made and the next client comes up.
  await page.locator('body').press('4');
  await client.getByLabel('Заметка').fill('Нужны стеллажи на 200 паллет');
  await client.getByRole('button', { name: 'Сохранить и следующий' }).click();
  await expect(page.getByText('Обзвонено 1 из 2')).toBeVisible();
  await expect(client.getByRole('heading', { name: 'Полкова Ирина' })).toBeVisible();
  const leads = await (await page.request.get('/api/v1/leads?limit=10')).json();
  expect(
    leads.items.some((l: { contactPhone: string | null }) => l.contactPhone === '+79161002030'),
  ).toBe(true);

  await page.locator('body').press('1');
  await client.getByRole('button', { name: 'Сохранить и следующий' }).click();
  await expect(page.getByText('Список пройден: клиентов для звонка не осталось.')).toBeVisible();
  pbx.close();
});
