import type { AuditEntry } from '@voronka/contract';
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryRouter } from 'react-router';
import { setLanguage } from '../../lib/i18n';
import { AuditTable } from './AuditTable';

// The audit log is for people: actions in words, records by their titles with links, and a diff
// with field names in words and values as they read on the cards.
const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'a1',
  at: '2026-12-03T11:05:00.000Z',
  actorId: 'm1',
  actorName: 'Ирина',
  actorKind: 'user',
  action: 'deal.updated',
  entity: 'deals',
  entityId: '0190aaaa-0000-7000-8000-000000000001',
  entityTitle: 'Поставка 40 кресел',
  before: { title: 'Поставка кресел', amount: 100_000, closedAt: null },
  after: { title: 'Поставка 40 кресел', amount: 12_345_000, closedAt: null },
  ip: '10.0.0.1',
  ...over,
});

function renderTable(items: AuditEntry[], names?: Map<string, string>) {
  render(
    <MantineProvider env="test">
      <MemoryRouter>
        <AuditTable items={items} names={names} />
      </MemoryRouter>
    </MantineProvider>,
  );
}

beforeEach(async () => setLanguage('ru'));

describe('AuditTable', { timeout: 30_000 }, () => {
  it('says what happened in words and links the record by its title', () => {
    renderTable([
      entry({}),
      entry({
        id: 'a2',
        action: 'lead.sla_breached',
        entity: 'leads',
        entityId: '0190aaaa-0000-7000-8000-000000000002',
        entityTitle: 'Заявка на расчёт',
        before: null,
        after: null,
      }),
      entry({
        id: 'a3',
        action: 'something.archived',
        entity: 'contacts',
        entityTitle: null,
        entityId: null,
        before: null,
        after: null,
      }),
    ]);
    const actions = screen.getAllByTestId('audit-action').map((c) => c.textContent);
    expect(actions).toEqual([
      'Изменена сделка',
      'Пропущен срок первого ответа',
      'Контакты: something.archived',
    ]);
    const records = screen.getAllByTestId('audit-record');
    const deal = within(records[0]!).getByRole('link', { name: 'Поставка 40 кресел' });
    expect(deal.getAttribute('href')).toBe('/deals/0190aaaa-0000-7000-8000-000000000001');
    expect(
      within(records[1]!).getByRole('link', { name: 'Заявка на расчёт' }).getAttribute('href'),
    ).toBe('/leads?lead=0190aaaa-0000-7000-8000-000000000002');
    expect(document.body.textContent).not.toMatch(/deal\.updated|0190aaaa/);
  });

  it('shows a readable diff: field names in words, money in roubles, only what changed', () => {
    renderTable([entry({})]);
    fireEvent.click(screen.getByRole('button', { name: 'Показать изменения: Изменена сделка' }));
    const diff = screen.getByRole('table', { name: 'Изменённые поля' });
    const rows = within(diff)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent!.replace(/[\u00a0\u202f]/g, ' ')),
      );
    expect(rows).toEqual([
      ['Сумма', '1 000,00 ₽', '123 450,00 ₽'],
      ['Название', 'Поставка кресел', 'Поставка 40 кресел'],
    ]);
  });

  it('names people in the diff and the sections the matrix does not list', () => {
    const anna = '0190bbbb-0000-7000-8000-000000000001';
    renderTable(
      [
        entry({
          action: 'conversation.updated',
          entity: 'conversations',
          entityTitle: null,
          before: { assigneeId: null, status: 'open' },
          after: { assigneeId: anna, status: 'open' },
        }),
      ],
      new Map([[anna, 'Анна Котова']]),
    );
    expect(within(screen.getByTestId('audit-record')).getByText('Разговоры')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Показать изменения: Изменён разговор' }));
    const rows = within(screen.getByRole('table', { name: 'Изменённые поля' }))
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([['Ответственный', 'пусто', 'Анна Котова']]);
  });

  it('reads in English too', async () => {
    await setLanguage('en');
    renderTable([entry({})]);
    expect(screen.getByTestId('audit-action').textContent).toBe('Deal changed');
    fireEvent.click(screen.getByRole('button', { name: 'Show changes: Deal changed' }));
    const diff = screen.getByRole('table', { name: 'Changed fields' });
    expect(
      within(diff)
        .getAllByRole('row')[1]!
        .textContent!.replace(/[\u00a0\u202f]/g, ' '),
    ).toBe('AmountRUB 1,000.00RUB 123,450.00');
  });
});
