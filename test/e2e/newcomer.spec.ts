import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startSink } from './smtp-sink.js';

// The newcomer's first hour, end to end on the server the README's `npm start` runs (a fresh data
// folder): the demo sign-in the start block printed (kept in the data folder), a website form, a
// visitor's submission on the hosted page with consent, a reply that reaches the client's mailbox
// (a local SMTP server stands in for the team's mail server), conversion with its links and the
// consent kept, the deal moved on, and the client found again by the last digits of the phone.
// Screenshots of each page in ru and en at 1280 and 390 px go to .tmp/newcomer-shots.

const port = Number(process.env.E2E_PORT ?? 3199);
const shots = process.env.E2E_SHOTS_DIR ?? '.tmp/newcomer-shots';

async function shoot(page: Page, name: string, languages: ('ru' | 'en')[] = ['ru', 'en']) {
  fs.mkdirSync(shots, { recursive: true });
  for (const lang of languages) {
    if (lang === 'en')
      await page.evaluate(() =>
        (
          globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
        ).localStorage.setItem('voronka.lang', 'en'),
      );
    if (lang === 'en') await page.reload();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${shots}/${name}-${lang}-${width}.png`, fullPage: true });
    }
  }
  if (languages.includes('en')) {
    await page.evaluate(() =>
      (
        globalThis as unknown as { localStorage: { removeItem(k: string): void } }
      ).localStorage.removeItem('voronka.lang'),
    );
    await page.reload();
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('the newcomer’s hour: demo sign-in → form → submission → delivered reply → conversion → deal moved → found by phone', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const sink = await startSink();
  try {
    // The demo sign-in the start block printed.
    const demo = JSON.parse(fs.readFileSync(`.tmp/e2e-data-${port}/demo-sign-in.json`, 'utf8')) as {
      email: string;
      password: string;
    };
    await page.goto('/sign-in');
    await page.getByLabel('Эл. почта').fill(demo.email);
    await page.getByLabel('Пароль').fill(demo.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page).not.toHaveURL(/sign-in/);
    await expect(page.getByText(/скоро|coming soon/i)).toHaveCount(0);
    await shoot(page, 'start');

    // The team's mailbox with outgoing mail, and a website form (through the API, as Settings does).
    const csrf = (
      (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string }
    ).csrfToken;
    const headers = { 'x-csrf-token': csrf };
    const mailbox = await page.request.post('/api/v1/channels', {
      data: {
        kind: 'email',
        name: 'Почта отдела',
        settings: {
          intakeAddress: 'first-hour@crm.romashka.ru',
          smtpHost: '127.0.0.1',
          smtpPort: sink.port,
          smtpSecure: false,
          fromAddress: 'sales@romashka.ru',
          fromName: 'Отдел продаж',
        },
      },
      headers,
    });
    expect(mailbox.status(), await mailbox.text()).toBe(201);
    const created = await page.request.post('/api/v1/forms', {
      data: {
        name: 'Расчёт стоимости',
        fields: [
          { key: 'name', label: 'Имя', type: 'text', required: true },
          { key: 'phone', label: 'Телефон', type: 'phone', required: true },
          { key: 'email', label: 'E-mail', type: 'email' },
          { key: 'comment', label: 'Комментарий', type: 'textarea' },
        ],
        consentText: 'Я согласен на обработку персональных данных',
      },
      headers,
    });
    expect(created.status(), await created.text()).toBe(201);
    const form = await created.json();

    // A visitor fills in the hosted form, consent ticked.
    const visitor = await browser.newPage();
    await visitor.goto(`/f/${form.publicKey}`);
    await visitor.getByLabel('Имя').fill('Светлана Орлова');
    await visitor.getByLabel('Телефон').fill('8 912 777-45-61');
    await visitor.getByLabel('E-mail').fill('svetlana@orlova.example');
    await visitor
      .getByLabel('Комментарий')
      .fill('Нужен котёл 24 кВт, 2 шт., доставка до пятницы в Казань');
    await visitor.getByRole('checkbox').check();
    await visitor.getByRole('button', { name: 'Отправить', exact: true }).click();
    await expect(visitor.getByText(/Спасибо/)).toBeVisible();
    await visitor.close();

    // The request is in the inbox; the reply goes out by e-mail and reaches the client's mailbox.
    await page.goto('/inbox');
    await page.getByTestId('conversation-item').filter({ hasText: 'Светлана Орлова' }).click();
    const thread = page.getByRole('log', { name: 'Переписка' });
    await expect(thread.getByText(/котёл 24 кВт/)).toBeVisible();
    await page.getByRole('combobox', { name: 'Ответить через' }).click();
    await page.getByRole('option', { name: 'E-mail на svetlana@orlova.example' }).click();
    const reply = 'Добрый день, Светлана! Котлы есть, привезём в четверг.';
    await page.getByRole('textbox', { name: 'Ответ' }).fill(reply);
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await expect(
      thread.getByTestId('message-out').filter({ hasText: reply }).getByText('Отправлено'),
    ).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => sink.mails.length).toBe(1);
    expect(sink.mails[0]!.rcpt).toEqual(['svetlana@orlova.example']);
    expect(sink.mails[0]!.mail.text).toContain('Котлы есть');
    await shoot(page, 'inbox');

    // Conversion: the proposed deal name comes from the request; the conversation links what it became.
    await page.getByRole('button', { name: 'Создать сделку' }).click();
    const dialog = page.getByRole('dialog', { name: 'Конвертировать заявку' });
    const dealName = await dialog.getByLabel('Название сделки').inputValue();
    expect(dealName).toMatch(/котёл 24 кВт/i);
    await dialog.getByRole('button', { name: 'Конвертировать' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Не найден среди контактов')).toBeHidden();
    await page.getByRole('link', { name: dealName }).click();

    // The deal card: moved to the next stage; the contact keeps the consent ticked on the form.
    await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
    const stage = page.getByRole('combobox', { name: 'Этап' });
    await expect(stage).not.toHaveValue('');
    const before = await stage.inputValue();
    await stage.click();
    const next = page.getByRole('option').nth(1);
    const nextName = (await next.textContent())!.trim();
    await next.click();
    await expect(page.getByText(`Этап: ${before} → ${nextName}`)).toBeVisible();
    await shoot(page, 'deal-card');
    await page
      .getByRole('region', { name: 'О сделке' })
      .getByRole('link', { name: /Орлова Светлана/ })
      .click();
    await expect(page.getByTestId('consent-record')).toContainText('Форма «Расчёт стоимости»');
    await shoot(page, 'contact-card');

    // Found again by the last digits of the phone.
    await page.getByRole('button', { name: /^Поиск/ }).click();
    await page.getByRole('textbox', { name: 'Имя, компания, телефон, e-mail, ИНН…' }).fill('45-61');
    await expect(
      page
        .getByRole('dialog')
        .getByText(/Орлова Светлана/)
        .first(),
    ).toBeVisible();
  } finally {
    await sink.close();
  }
});
