import { expect, test, type Page } from '@playwright/test';

// A workspace made through the API (fast): sign-up sets the session cookie in the browser context.
async function workspace(page: Page) {
  const res = await page.request.post('/api/v1/auth/sign-up', {
    data: {
      name: 'Ольга Смирнова',
      email: `calendar.${Date.now()}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Вектор»',
    },
  });
  expect(res.status()).toBe(201);
}

// Drags over the week grid from one time to another in today's column (a mouse selection).
async function selectRange(page: Page, from: string, to: string) {
  await page
    .locator(`td.fc-timegrid-slot-lane[data-time="${to}"]`)
    .first()
    .scrollIntoViewIfNeeded();
  const column = page.locator('.fc-timegrid-col.fc-day-today').first();
  const box = (await column.boundingBox())!;
  const slotY = async (time: string) =>
    (await page.locator(`td.fc-timegrid-slot-lane[data-time="${time}"]`).first().boundingBox())!;
  const a = await slotY(from);
  const b = await slotY(to);
  const x = box.x + box.width / 2;
  await page.mouse.move(x, a.y + 3);
  await page.mouse.down();
  await page.mouse.move(x, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

test('a meeting made by selecting a range in the week view is there after a reload', async ({
  page,
}) => {
  await workspace(page);
  await page.goto('/calendar');
  await expect(page.getByRole('heading', { name: 'Календарь' })).toBeVisible();
  await expect(page.locator('.fc-timeGridWeek-view')).toBeVisible();
  await selectRange(page, '10:00:00', '11:00:00');
  const dialog = page.getByRole('dialog', { name: 'Новое событие' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Название').fill('Встреча с «Ромашкой»');
  await dialog.getByRole('button', { name: 'Создать' }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  const event = page.locator('.fc-timegrid-event', { hasText: 'Встреча с «Ромашкой»' });
  await expect(event).toBeVisible();
  await expect(event).toContainText('10:00');
  await page.screenshot({ path: '.tmp/screens/calendar-ru-desktop.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.locator('.fc-timeGridDay-view')).toBeVisible();
  await page.screenshot({ path: '.tmp/screens/calendar-ru-phone.png', fullPage: true });
});

test('the calendar in English, desktop and phone', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('voronka.lang', 'en'));
  await workspace(page);
  await page.goto('/calendar');
  await expect(page.getByRole('heading', { name: 'Calendar' })).toBeVisible();
  await page.getByText('Team', { exact: true }).click();
  await page.getByText('Mine', { exact: true }).click();
  await expect(page.locator('.fc-timeGridWeek-view')).toBeVisible();
  await page.screenshot({ path: '.tmp/screens/calendar-en-desktop.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.locator('.fc-timeGridDay-view')).toBeVisible();
  await page.screenshot({ path: '.tmp/screens/calendar-en-phone.png', fullPage: true });
});
