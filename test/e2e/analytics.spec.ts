import { expect, test } from '@playwright/test';

// The head's home page: the key figures of the month, and from the «won this month» tile down to
// the deals behind it and into a deal's card; then the funnel counts it, and plan vs fact names won
// and paid money apart.

test('the dashboard drills from a tile into the deals behind it', async ({ page }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const signUp = await page.request.post('/api/v1/auth/sign-up', {
    data: {
      name: 'Ирина Руководитель',
      email: `analytics.${stamp}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Кирпичный двор»',
    },
  });
  expect(signUp.status()).toBe(201);
  const { csrfToken } = await signUp.json();
  const call = async (url: string, data?: unknown) => {
    const res = data
      ? await page.request.post(url, { data, headers: { 'x-csrf-token': csrfToken } })
      : await page.request.get(url);
    expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
    return res.json();
  };
  const pipeline = (await call('/api/v1/pipelines')).items[0];
  const won = pipeline.stages.find((s: { kind: string }) => s.kind === 'won');
  // Two deals: one won now (1 234 567,89 ₽), one still open.
  const deal = await call('/api/v1/deals', {
    title: 'Кирпич для ЖК «Северный»',
    amount: 123_456_789,
  });
  await call(`/api/v1/deals/${deal.id}/move`, { stageId: won.id });
  await call('/api/v1/deals', { title: 'Плитка для склада', amount: 50_000_00 });

  await page.goto('/');
  const tile = page.getByTestId('tile-won');
  await expect(tile).toContainText('1 · 1 234 567,89 ₽');
  await expect(page.getByTestId('tile-plan')).toContainText('План не задан');
  await tile.click();

  await expect(page).toHaveURL(/\/reports\/funnel\?.*drill=won_closed/);
  const drill = page.getByTestId('drill');
  await expect(drill.getByTestId('drill-deal')).toHaveCount(1);
  await expect(drill).toContainText('Кирпич для ЖК «Северный»');
  // The funnel of the month's cohort: both deals, one won.
  await expect(page.getByTestId('funnel-deals')).toContainText('2');
  await expect(page.getByTestId('funnel-chart')).toBeVisible();
  await drill.getByRole('link', { name: 'Кирпич для ЖК «Северный»' }).click();
  await expect(page).toHaveURL(new RegExp(`/deals/${deal.id}`));
  await expect(page.getByText('Кирпич для ЖК «Северный»').first()).toBeVisible();

  // Plan vs fact: the head sets the month's plan; won and paid are named apart.
  await page.goto('/reports/plan-fact');
  await expect(page.getByTestId('plan-fact-chart')).toBeVisible();
  await page.getByTestId('plan-amount').fill('2 000 000');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('План сохранён')).toBeVisible();
  await page.goto('/');
  await expect(page.getByTestId('tile-plan')).toContainText('от 2 000 000,00 ₽');
});
