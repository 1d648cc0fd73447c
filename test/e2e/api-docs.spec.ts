import { expect, test } from '@playwright/test';

// /api/docs is the public face of the API: it loads without a single console error or failed
// request, and it says it is Voronka's (title, logo), not a stock Swagger page.
test('the API docs load without console errors and are branded as Voronka', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) =>
    problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`),
  );
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  await page.goto('/api/docs');
  await expect(page.locator('.swagger-ui .info .title')).toContainText('Voronka API');
  await expect(page.locator('.opblock').first()).toBeVisible();
  await expect(page).toHaveTitle(/Voronka/);
  await expect(page.locator('.topbar a.link img')).toHaveAttribute(
    'src',
    /^data:image\/svg\+xml;base64,/,
  );
  await expect(page.locator('.topbar')).not.toContainText(/swagger|fastify/i);
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute(
    'href',
    /\/api\/docs\/(static\/)?theme\/voronka\.svg$/,
  );
  // Everything the page asked for has settled; then nothing may have gone wrong.
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});
