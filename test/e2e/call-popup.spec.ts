import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';

// A PBX reports a call ringing (Voronka's generic signed event, posted as the PBX would) while the
// manager has the app open: the caller's card pops up with the contact's name and company, and
// "Open card" leads to the contact.
test('a signed ringing event pops up the caller’s card for the signed-in manager', async ({
  page,
}) => {
  const signUp = await page.request.post('/api/v1/auth/sign-up', {
    data: {
      name: 'Анна Иванова',
      email: `calls.${Date.now()}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Ромашка»',
    },
  });
  expect(signUp.status()).toBe(201);
  const { csrfToken } = await signUp.json();
  const post = async (path: string, data: unknown) => {
    const r = await page.request.post(`/api/v1${path}`, {
      data,
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(r.ok(), await r.text()).toBe(true);
    return r.json();
  };
  const company = await post('/companies', { name: 'ООО «Станкомаш»' });
  const contact = await post('/contacts', {
    firstName: 'Мария',
    lastName: 'Соколова',
    companyId: company.id,
    phones: [{ number: '8 (915) 111-22-33' }],
  });
  const secret = 'pbx-signing-secret';
  const channel = await post('/channels', {
    kind: 'phone',
    name: 'АТС',
    settings: { provider: 'generic' },
    secrets: { signingSecret: secret },
  });
  const webhook = channel.webhookUrls.find((w: { name: string }) => w.name === 'events')
    .url as string;

  // The app open, its event stream connected.
  const stream = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/events') && r.status() === 200,
  );
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Анна Иванова!' })).toBeVisible();
  await stream;

  const body = JSON.stringify({
    event: 'ringing',
    call_id: `e2e-${Date.now()}`,
    direction: 'in',
    from: '+79151112233',
    to: '+74951234567',
  });
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const res = await page.request.post(webhook, {
    data: body,
    headers: { 'content-type': 'application/json', 'x-voronka-signature': signature },
  });
  expect(res.status(), await res.text()).toBe(200);

  const popup = page.getByRole('alertdialog', { name: 'Входящий звонок' });
  await expect(popup).toBeVisible();
  await expect(popup.getByText('Соколова Мария')).toBeVisible();
  await expect(popup.getByText('ООО «Станкомаш»')).toBeVisible();
  await expect(popup.getByText('+79151112233')).toBeVisible();

  await popup.getByRole('button', { name: 'Открыть карточку' }).click();
  await expect(page).toHaveURL(new RegExp(`/contacts/${contact.id}$`));
  await expect(popup).toHaveCount(0);
});
