import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { SlaPolicyDialog } from './SlaPolicyDialog';
import { type Call, json, renderPage, stubApi } from './test-utils';

// The SLA policy dialog against a stubbed fetch: the response time is typed as a number and a unit.
let calls: Call[];

beforeEach(async () => {
  await setLanguage('ru');
  calls = [];
  vi.stubGlobal(
    'fetch',
    stubApi(
      {
        'POST /sla-policies': () => json({ id: 's1' }, 201),
        'PATCH /sla-policies/s1': () => json({ id: 's1' }),
      },
      calls,
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('SlaPolicyDialog', { timeout: 30_000 }, () => {
  it('converts the time and unit to seconds', async () => {
    const onClose = vi.fn();
    renderPage(<SlaPolicyDialog policy={null} onClose={onClose} />);
    fireEvent.change(screen.getByRole('textbox', { name: /Название/ }), {
      target: { value: 'Горячие' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Время на первый ответ/ }), {
      target: { value: '1.5' },
    });
    fireEvent.click(screen.getByRole('combobox', { name: 'Единица' }));
    fireEvent.click(await screen.findByRole('option', { name: 'часы' }));
    expect(screen.getByTestId('sla-duration-preview').textContent).toBe('Это 1 ч 30 мин.');
    fireEvent.click(screen.getByRole('radio', { name: 'Круглосуточно' }));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'Горячие',
      enabled: true,
      channels: [],
      minPriority: null,
      responseSeconds: 5400,
      businessHours: false,
      warnPercent: 80,
      maxMoves: 2,
    });
  });

  it('shows a stored policy in its own unit and saves minutes as seconds', async () => {
    const policy = {
      id: 's1',
      name: 'Почта',
      position: 0,
      enabled: true,
      channels: ['email' as const],
      minPriority: 30,
      responseSeconds: 3600,
      businessHours: true,
      warnPercent: 75,
      maxMoves: 1,
      createdAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
    };
    renderPage(<SlaPolicyDialog policy={policy} onClose={() => {}} />);
    expect(screen.getByRole('textbox', { name: /Время на первый ответ/ })).toHaveProperty(
      'value',
      '1',
    );
    expect(screen.getByRole('combobox', { name: 'Единица' })).toHaveProperty('value', 'часы');
    fireEvent.click(screen.getByRole('combobox', { name: 'Единица' }));
    fireEvent.click(await screen.findByRole('option', { name: 'минуты' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Время на первый ответ/ }), {
      target: { value: '5' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toMatchObject({
      responseSeconds: 300,
      channels: ['email'],
      minPriority: 30,
      businessHours: true,
    });
  });

  it('refuses a zero time without sending', async () => {
    renderPage(<SlaPolicyDialog policy={null} onClose={() => {}} />);
    fireEvent.change(screen.getByRole('textbox', { name: /Название/ }), { target: { value: 'X' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Время на первый ответ/ }), {
      target: { value: '0' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(await screen.findByText('Укажите время больше нуля.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
