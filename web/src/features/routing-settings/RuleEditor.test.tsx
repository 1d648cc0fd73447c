import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { RuleEditor } from './RuleEditor';
import { type Call, json, renderPage, stubApi } from './test-utils';

// The rule editor against a stubbed fetch: teams, active users and forms to choose from, and the
// create answered by `created` (a saved rule or a problem+json).
let calls: Call[];
let created: () => Response;

beforeEach(async () => {
  await setLanguage('ru');
  calls = [];
  created = () => json({ id: 'r1' }, 201);
  vi.stubGlobal(
    'fetch',
    stubApi(
      {
        'GET /teams': () =>
          json({
            items: [
              {
                id: 't1',
                name: 'Продажи Москва',
                headId: null,
                memberCount: 3,
                createdAt: '2026-11-01T00:00:00Z',
              },
            ],
            nextCursor: null,
          }),
        'GET /users': () =>
          json({
            items: [
              {
                id: 'm2',
                name: 'Пётр Смирнов',
                email: 'p@example.ru',
                role: 'manager',
                teamId: 't1',
                status: 'active',
                twoFactorEnabled: false,
                createdAt: '2026-11-01T00:00:00Z',
              },
            ],
            nextCursor: null,
          }),
        'GET /forms': () => json({ items: [{ id: 'f1', name: 'Заказ на сайте' }] }),
        'POST /routing-rules': () => created(),
      },
      calls,
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

// Opens a select and picks each option (a multi-select stays open between picks; Escape would close the drawer).
async function choose(label: string | RegExp, ...options: string[]) {
  const input = screen.getByRole('combobox', { name: label });
  fireEvent.click(input);
  for (const option of options)
    fireEvent.click(await screen.findByRole('option', { name: option }));
}

function addTag(label: string, value: string) {
  const input = screen.getByRole('combobox', { name: label });
  // Mantine ignores changes to an input without focus (autofill), so focus it as typing would.
  input.focus();
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

async function fillNamedRule() {
  fireEvent.change(screen.getByRole('textbox', { name: /Название/ }), {
    target: { value: 'Оптовики из Яндекса' },
  });
  fireEvent.click(screen.getByRole('radio', { name: 'Конкретному менеджеру' }));
  await choose(/Отдел/, 'Продажи Москва');
  await choose(/Менеджер/, 'Пётр Смирнов');
  await choose('Каналы', 'Сайт', 'Telegram');
  await choose('Формы', 'Заказ на сайте');
  addTag('UTM source', 'yandex');
  addTag('Упоминает', 'цемент');
  addTag('Страны', 'kz');
  fireEvent.change(screen.getByRole('textbox', { name: /Приоритет не ниже/ }), {
    target: { value: '40' },
  });
}

// Mantine in jsdom is slow on a busy machine: the editor's tests get more time.
describe('RuleEditor', { timeout: 30_000 }, () => {
  it('sends the strategy, team, manager and the conditions the head chose', async () => {
    const onClose = vi.fn();
    renderPage(<RuleEditor rule={null} onClose={onClose} />);
    await fillNamedRule();
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'Оптовики из Яндекса',
      enabled: true,
      strategy: 'named',
      teamId: 't1',
      memberId: 'm2',
      conditions: {
        channels: ['web', 'telegram'],
        formIds: ['f1'],
        utmSource: ['yandex'],
        mentions: ['цемент'],
        countries: ['KZ'],
        minPriority: 40,
      },
    });
  });

  it('asks for the manager of a named rule before sending', async () => {
    renderPage(<RuleEditor rule={null} onClose={() => {}} />);
    fireEvent.change(screen.getByRole('textbox', { name: /Название/ }), {
      target: { value: 'VIP' },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Конкретному менеджеру' }));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(await screen.findByText('Выберите менеджера.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows the errors of a 422 problem+json on their fields', async () => {
    created = () =>
      json(
        {
          type: 'https://voronka.dev/problems/request/invalid',
          title: 'request.invalid',
          status: 422,
          code: 'request.invalid',
          detail: 'conditions.utmSource.0: too long',
          field: 'conditions.utmSource.0',
          errors: [
            { field: 'conditions.utmSource.0', reason: 'не длиннее 200 символов' },
            { field: 'memberId', reason: 'менеджер не из этого отдела' },
          ],
        },
        422,
      );
    const onClose = vi.fn();
    renderPage(<RuleEditor rule={null} onClose={onClose} />);
    await fillNamedRule();
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    const form = screen.getByRole('form', { name: 'Правило маршрутизации' });
    expect(await within(form).findByText('не длиннее 200 символов')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'UTM source' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(within(form).getByText('менеджер не из этого отдела')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it('shows a coded error aimed at one field there', async () => {
    created = () =>
      json(
        {
          type: 'x',
          title: 'routing_rule.invalid',
          status: 400,
          code: 'routing_rule.invalid',
          detail: 'the team has no such member',
          field: 'teamId',
        },
        400,
      );
    renderPage(<RuleEditor rule={null} onClose={() => {}} />);
    await fillNamedRule();
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(await screen.findByText('the team has no such member')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: /Отдел/ }).getAttribute('aria-invalid')).toBe(
      'true',
    );
  });
});
