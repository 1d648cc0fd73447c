import type { DryRunResult, RoutingRule } from '@voronka/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { DryRunPanel } from './DryRunPanel';
import { type Call, json, renderPage, stubApi } from './test-utils';

// The dry-run panel against a stubbed fetch answering POST …/dry-run with `answer`.
function rule(id: string, name: string): RoutingRule {
  return {
    id,
    name,
    position: 0,
    enabled: true,
    conditions: {},
    strategy: 'round_robin',
    teamId: null,
    memberId: null,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
  };
}
const rules = [rule('r1', 'Telegram — опт'), rule('r2', 'Сайт — розница')];

const assigned: DryRunResult = {
  rule: { id: 'r2', name: 'Сайт — розница' },
  assignee: { id: 'm2', name: 'Пётр Смирнов' },
  queuedInTeam: null,
  queued: false,
  reason: {
    code: 'round_robin',
    ruleId: 'r2',
    ruleName: 'Сайт — розница',
    strategy: 'round_robin',
    detail: {},
  },
  candidates: [
    {
      memberId: 'm1',
      name: 'Анна Котова',
      openLoad: 10,
      capacity: 10,
      eligible: false,
      reason: 'at_capacity',
    },
    {
      memberId: 'm2',
      name: 'Пётр Смирнов',
      openLoad: 2,
      capacity: null,
      eligible: true,
      reason: null,
    },
    {
      memberId: 'm3',
      name: 'Олег Ли',
      openLoad: 0,
      capacity: 5,
      eligible: false,
      reason: 'vacation',
    },
  ],
  priority: {
    score: 71,
    reasons: [
      { code: 'product', weight: 1.1, sign: '+' },
      { code: 'quantity', weight: 1.3, sign: '+' },
      { code: 'price_only', weight: -1.6, sign: '-' },
    ],
  },
  sla: { policy: { id: 's1', name: 'Горячие заявки' }, dueAt: '2026-11-27T10:15:00.000Z' },
  rules: [
    { id: 'r1', name: 'Telegram — опт', matched: false, failed: ['channels', 'minPriority'] },
    { id: 'r2', name: 'Сайт — розница', matched: true, failed: [] },
  ],
};

let calls: Call[];
let answer: DryRunResult;

beforeEach(async () => {
  await setLanguage('ru');
  calls = [];
  answer = assigned;
  vi.stubGlobal(
    'fetch',
    stubApi(
      {
        'POST /routing-rules/dry-run': () => json(answer),
        'POST /routing-rules/r1/dry-run': () => json(answer),
      },
      calls,
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('DryRunPanel', { timeout: 30_000 }, () => {
  it('sends the sample and shows who gets it, why the others cannot, the priority reasons and the deadline', async () => {
    renderPage(<DryRunPanel rules={rules} ruleId={null} onRuleChange={() => {}} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Текст заявки' }), {
      target: { value: 'Нужен цемент М500, 200 мешков' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'utm_source' }), {
      target: { value: 'yandex' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Телефон' }), {
      target: { value: '+7 912 345-67-89' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Проверить' }));

    const result = await screen.findByTestId('dry-run-result');
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      url: '/api/v1/routing-rules/dry-run',
      body: {
        channel: 'web',
        text: 'Нужен цемент М500, 200 мешков',
        phone: '+7 912 345-67-89',
        utm: { utm_source: 'yandex' },
      },
    });
    expect(within(result).getByText('Получит: Пётр Смирнов')).toBeTruthy();
    expect(within(result).getByText('Сработало правило «Сайт — розница».')).toBeTruthy();
    expect(
      within(result).getByText(/по очереди в отделе \(правило «Сайт — розница»\)/),
    ).toBeTruthy();

    expect(
      within(screen.getByTestId('candidate-m1')).getByText('загружен до предела'),
    ).toBeTruthy();
    expect(within(screen.getByTestId('candidate-m1')).getByText('10 / 10')).toBeTruthy();
    expect(within(screen.getByTestId('candidate-m2')).getByText('может взять')).toBeTruthy();
    expect(within(screen.getByTestId('candidate-m3')).getByText('в отпуске')).toBeTruthy();

    const reasons = within(result)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(reasons).toEqual([
      '+ назван товар из каталога (+1.1)',
      '+ указано количество (+1.3)',
      '− спрашивает только цену, без предмета (−1.6)',
    ]);
    expect(within(result).getByText('71')).toBeTruthy();
    expect(within(result).getByText(/Политика «Горячие заявки»: ответить до/)).toBeTruthy();
    expect(
      within(screen.getByTestId('rule-check-r1')).getByText('Каналы, Приоритет не ниже'),
    ).toBeTruthy();
  });

  it('tries one rule alone and says when the request would wait in a team queue', async () => {
    answer = {
      ...assigned,
      rule: { id: 'r1', name: 'Telegram — опт' },
      assignee: null,
      queued: true,
      queuedInTeam: { id: 't1', name: 'Опт' },
      reason: {
        code: 'queued_no_one_eligible',
        ruleId: 'r1',
        ruleName: 'Telegram — опт',
        strategy: 'least_load',
        detail: {},
      },
      candidates: [
        {
          memberId: 'm1',
          name: 'Анна Котова',
          openLoad: 1,
          capacity: null,
          eligible: false,
          reason: 'off_hours',
        },
      ],
      sla: null,
    };
    renderPage(<DryRunPanel rules={rules} ruleId="r1" onRuleChange={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Проверить' }));
    await waitFor(() =>
      expect(calls.some((c) => c.url === '/api/v1/routing-rules/r1/dry-run')).toBe(true),
    );
    expect(await screen.findByText('Ждёт в очереди отдела «Опт»')).toBeTruthy();
    expect(screen.getByText('нерабочее время')).toBeTruthy();
    expect(screen.getByText('Ни одна политика SLA не подошла — срока нет.')).toBeTruthy();
  });
});
