import { expect, test } from '@playwright/test';
import { startSink } from './smtp-sink.js';

// A reply to a website-form request, from the browser: a form has no way back of its own, so the
// reply box offers e-mail to the address the visitor left through the team's mailbox; the
// in-process worker sends it over real SMTP to a local smtp-server standing in for the team's mail
// server (allowed to be on 127.0.0.1 by VORONKA_MAIL_PRIVATE_HOSTS=allow in playwright.config.ts),
// and the message shows as sent. A request with neither e-mail nor phone says plainly that there is
// no way to answer, and nothing is sent.

test('a reply to a website request goes out by e-mail and shows as sent; one with no way back says so', async ({
  page,
}) => {
  const sink = await startSink();
  try {
    const signUp = await page.request.post('/api/v1/auth/sign-up', {
      data: {
        name: 'Анна Иванова',
        email: `web-reply.${Date.now()}@example.ru`,
        password: 'correct-horse-battery',
        companyName: 'ООО «Ромашка»',
      },
    });
    expect(signUp.status()).toBe(201);
    const { csrfToken } = await signUp.json();
    const headers = { 'x-csrf-token': csrfToken };
    const mailbox = await page.request.post('/api/v1/channels', {
      data: {
        kind: 'email',
        name: 'Почта отдела продаж',
        settings: {
          intakeAddress: 'sales@crm.romashka.ru',
          smtpHost: '127.0.0.1',
          smtpPort: sink.port,
          smtpSecure: false,
          fromAddress: 'sales@romashka.ru',
        },
      },
      headers,
    });
    expect(mailbox.status(), await mailbox.text()).toBe(201);
    const form = await page.request.post('/api/v1/forms', {
      data: {
        name: 'Заявка с сайта',
        fields: [
          { key: 'name', label: 'Имя', type: 'text', required: true },
          { key: 'phone', label: 'Телефон', type: 'phone' },
          { key: 'email', label: 'E-mail', type: 'email' },
          { key: 'comment', label: 'Комментарий', type: 'textarea' },
        ],
        consentText: 'Я согласен на обработку персональных данных',
      },
      headers,
    });
    expect(form.status(), await form.text()).toBe(201);
    const { publicKey } = await form.json();
    const submit = async (data: Record<string, unknown>) => {
      const res = await page.request.post(`/api/public/forms/${publicKey}/submissions`, {
        data: { ...data, consent: true },
      });
      expect(res.status(), await res.text()).toBeLessThan(300);
    };
    await submit({
      name: 'Мария Соколова',
      email: 'maria@example.ru',
      comment: 'Сколько стоит доставка в Казань?',
    });

    await page.goto('/inbox');
    await page.getByTestId('conversation-item').filter({ hasText: 'Мария Соколова' }).click();
    const thread = page.getByRole('log', { name: 'Переписка' });
    await expect(thread.getByText(/Сколько стоит доставка в Казань\?/)).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Ответить через' })).toHaveValue(
      'E-mail на maria@example.ru',
    );
    await expect(page.getByText(/Письмо уйдёт из ящика «Почта отдела продаж»/)).toBeVisible();
    await expect(page.getByText(/У формы на сайте нет обратного канала/)).toBeVisible();

    const reply = 'Добрый день, Мария! Доставка в Казань — 450 ₽, 2–3 дня.';
    await page.getByRole('textbox', { name: 'Ответ' }).fill(reply);
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    const out = thread.getByTestId('message-out');
    await expect(out).toHaveCount(1);
    await expect(out.getByText(reply)).toBeVisible();
    await expect(out.getByText(/по e-mail на maria@example\.ru/)).toBeVisible();
    await expect(out.getByText('Отправлено')).toBeVisible({ timeout: 10_000 });
    expect(sink.mails).toHaveLength(1);
    expect(sink.mails[0]!.rcpt).toEqual(['maria@example.ru']);
    expect(sink.mails[0]!.mail.subject).toBe('Re: Заявка с сайта');
    expect(sink.mails[0]!.mail.text?.trim()).toBe(reply);

    // A visitor who left only a name: no way back, said plainly, nothing can be sent.
    await submit({ name: 'Аноним', comment: 'Перезвоните' });
    await page.getByTestId('conversation-item').filter({ hasText: 'Аноним' }).click();
    await expect(page.getByText('Ответить клиенту нечем')).toBeVisible();
    await expect(page.getByText('E-mail клиент не оставил.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Ответ' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Отправить', exact: true })).toBeDisabled();
    expect(sink.mails).toHaveLength(1);
  } finally {
    await sink.close();
  }
});
