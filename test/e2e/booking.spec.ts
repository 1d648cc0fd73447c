import { expect, test, type Page } from '@playwright/test';
import { startSink, type Sink } from './smtp-sink.js';

// Self-booking end to end: the owner makes a meeting type in Settings and copies its link; a
// visitor (another browser, no session) books a slot on the public page; the host sees the meeting
// in the week view; the confirmation e-mail (sent by the in-process worker over real SMTP to a
// local sink) carries the reschedule link, which moves the meeting once — the same link again is
// refused — and the new confirmation's cancel link cancels it.

async function mailTo(sink: Sink, to: string, subject: RegExp, count = 1) {
  await expect
    .poll(
      () =>
        sink.mails.filter((m) => m.rcpt.includes(to) && subject.test(m.mail.subject ?? '')).length,
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThanOrEqual(count);
  return sink.mails.filter((m) => m.rcpt.includes(to) && subject.test(m.mail.subject ?? ''))[
    count - 1
  ]!.mail;
}
const linkIn = (text: string, kind: 'cancel' | 'reschedule') =>
  new URL(text.match(new RegExp(`https?://\\S+/book/${kind}\\?t=\\S+`))![0]).toString();

// The meeting is this week or, booked on a Friday evening or a weekend, one of the next ones.
async function findInWeek(page: Page, title: string) {
  const event = page.locator('.fc-timegrid-event', { hasText: title });
  for (let week = 0; week < 3; week++) {
    const shown = await event
      .first()
      .waitFor({ timeout: 8_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
    await page.locator('.fc-next-button').click();
  }
  return event;
}

test('a visitor books on the public page, the host sees it in the week view, the e-mail links move and cancel it', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const sink = await startSink();
  try {
    const signUp = await page.request.post('/api/v1/auth/sign-up', {
      data: {
        name: 'Ольга Смирнова',
        email: `booking.${Date.now()}@example.ru`,
        password: 'correct-horse-battery',
        companyName: 'ООО «Вектор»',
      },
    });
    expect(signUp.status()).toBe(201);
    const { csrfToken } = await signUp.json();
    const mailbox = await page.request.post('/api/v1/channels', {
      data: {
        kind: 'email',
        name: 'Почта отдела продаж',
        settings: {
          smtpHost: '127.0.0.1',
          smtpPort: sink.port,
          smtpSecure: false,
          fromAddress: 'sales@vektor.ru',
        },
      },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(mailbox.status()).toBe(201);

    // The owner makes the meeting type in Settings.
    await page.goto('/settings/meeting-types');
    await expect(page.getByRole('heading', { name: 'Типы встреч' })).toBeVisible();
    await page.getByRole('button', { name: 'Новый тип встречи' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый тип встречи' });
    await dialog.getByLabel('Название').fill('Консультация');
    await expect(dialog.getByLabel('Адрес страницы')).toHaveValue('konsultaciya');
    await dialog.getByRole('button', { name: 'Добавить вопрос' }).click();
    await dialog.getByRole('textbox', { name: 'Вопрос 1' }).fill('Компания');
    await page.screenshot({ path: '.tmp/screens/meeting-type-dialog.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Ссылка и код для сайта: Консультация' }).click();
    const link = (await page.getByTestId('meeting-type-link').textContent())!;
    await expect(page.getByTestId('meeting-type-embed')).toContainText('/booking.js');
    await page.screenshot({ path: '.tmp/screens/meeting-type-share.png', fullPage: true });
    await page.keyboard.press('Escape');

    // A visitor books on the public page.
    const visitorContext = await browser.newContext({
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
    });
    const visitor = await visitorContext.newPage();
    await visitor.goto(link);
    await expect(visitor.getByRole('heading', { name: 'Запись на встречу' })).toBeVisible();
    const first = visitor.locator('button[data-start]').first();
    await expect(first).toBeVisible();
    await first.click();
    await visitor.getByLabel('Имя').fill('Анна Петрова');
    await visitor.getByLabel('Телефон').fill('+7 912 345-67-89');
    await visitor.getByLabel('E-mail').fill('anna.petrova@example.ru');
    await visitor.getByLabel('Компания').fill('ООО «Ромашка»');
    await visitor.getByRole('button', { name: 'Записаться' }).click();
    await expect(visitor.getByRole('status')).toHaveText('Вы записаны');
    await visitor.screenshot({ path: '.tmp/screens/booking-done.png', fullPage: true });

    // The host sees the meeting in the week view.
    await page.goto('/calendar');
    await expect(page.locator('.fc-timeGridWeek-view')).toBeVisible();
    const event = await findInWeek(page, 'Консультация — Анна Петрова');
    await expect(event).toBeVisible();
    await page.screenshot({ path: '.tmp/screens/booking-in-week.png', fullPage: true });

    // The confirmation's reschedule link moves the meeting, once.
    const confirmation = await mailTo(sink, 'anna.petrova@example.ru', /^Встреча подтверждена/);
    const move = linkIn(confirmation.text ?? '', 'reschedule');
    await visitor.goto(move);
    await expect(visitor.getByRole('heading', { name: 'Перенести встречу' })).toBeVisible();
    await expect(visitor.locator('[data-vrnk="current"]')).toContainText('Консультация');
    await visitor.locator('button[data-start]').nth(3).click();
    await visitor.getByRole('button', { name: 'Перенести на это время' }).click();
    await expect(visitor.getByRole('status')).toHaveText('Встреча перенесена');
    const again = await visitor.goto(move);
    expect(again!.status()).toBe(409);
    await expect(visitor.getByRole('alert')).toContainText('уже использована');

    // The new confirmation's cancel link cancels it.
    const second = await mailTo(sink, 'anna.petrova@example.ru', /^Встреча подтверждена/, 2);
    await visitor.goto(linkIn(second.text ?? '', 'cancel'));
    await expect(visitor.getByRole('heading', { name: 'Отменить встречу' })).toBeVisible();
    await visitor.getByRole('button', { name: 'Отменить встречу' }).click();
    await expect(visitor.getByRole('status')).toHaveText('Встреча отменена');
    await mailTo(sink, 'anna.petrova@example.ru', /^Встреча отменена/);
    await visitorContext.close();
  } finally {
    await sink.close();
  }
});

test('meeting types in English on a phone: the dialog fills the screen and saves by keyboard', async ({
  page,
}) => {
  await page.addInitScript(() => window.localStorage.setItem('voronka.lang', 'en'));
  await page.setViewportSize({ width: 390, height: 844 });
  const signUp = await page.request.post('/api/v1/auth/sign-up', {
    data: {
      name: 'Olga Smirnova',
      email: `booking.en.${Date.now()}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'Vector LLC',
    },
  });
  expect(signUp.status()).toBe(201);
  await page.goto('/settings/meeting-types');
  await expect(page.getByRole('heading', { name: 'Meeting types' })).toBeVisible();
  await page.getByRole('button', { name: 'New meeting type' }).click();
  const dialog = page.getByRole('dialog', { name: 'New meeting type' });
  await page.keyboard.type('Demo call');
  await expect(dialog.getByLabel('Page address')).toHaveValue('demo-call');
  await page.screenshot({ path: '.tmp/screens/meeting-type-en-phone.png' });
  await dialog.getByLabel('Page address').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: 'Demo call' })).toBeVisible();
  await page.screenshot({ path: '.tmp/screens/meeting-types-en-phone.png', fullPage: true });
});
