import type { Assignment } from '@voronka/contract';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLanguage } from '../../lib/i18n';
import { priorityReasonText } from '../routing-settings/priority-reasons';
import { RoutingCard } from './RoutingCard';
import { conversation, json, renderWith } from './test-helpers';

// GET /leads/{id}/assignments is a fetch stub answering the history the server would keep.
const assignment = (over: Partial<Assignment>): Assignment => ({
  id: 'a1',
  leadId: 'l1',
  member: { id: 'm1', name: 'Анна Смирнова' },
  team: null,
  reason: {
    code: 'round_robin',
    ruleId: 'r1',
    ruleName: 'Сайт',
    strategy: 'round_robin',
    detail: {},
  },
  assignedAt: '2026-11-27T10:00:00.000Z',
  dueAt: '2026-11-27T10:15:00.000Z',
  respondedAt: null,
  breachedAt: null,
  endedAt: null,
  ...over,
});
const history = [
  assignment({ breachedAt: '2026-11-27T10:15:00.000Z', endedAt: '2026-11-27T10:15:00.000Z' }),
  assignment({
    id: 'a2',
    member: { id: 'm2', name: 'Пётр Иванов' },
    reason: { code: 'sla_breach_moved', ruleId: null, ruleName: null, strategy: null, detail: {} },
    assignedAt: '2026-11-27T10:15:00.000Z',
    dueAt: '2026-11-27T10:30:00.000Z',
    respondedAt: '2026-11-27T10:19:30.000Z',
  }),
];

beforeEach(async () => {
  await setLanguage('ru');
  vi.stubGlobal('fetch', async (url: string) =>
    url === '/api/v1/leads/l1/assignments' ? json({ items: history }) : json({}, 404),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('RoutingCard', () => {
  it('shows the priority with its reasons and who the request went to, when and why', async () => {
    const c = conversation([], {
      lead: { id: 'l1', status: 'new', title: null },
      leadId: 'l1',
      priority: {
        score: 82,
        reasons: [
          { code: 'product', weight: 1.4, sign: '+' },
          { code: 'price_only', weight: -0.8, sign: '-' },
        ],
      },
      firstRespondedAt: '2026-11-27T10:19:30.000Z',
    });
    renderWith(<RoutingCard conversation={c} />);
    expect(screen.getByLabelText('Приоритет 82 из 100')).toBeTruthy();
    const reasons = screen.getByRole('list', { name: 'Почему такой приоритет' });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      `+ ${priorityReasonText(i18n.t, 'product')}`,
      `− ${priorityReasonText(i18n.t, 'price_only')}`,
    ]);
    const rows = within(await screen.findByTestId('assignment-history')).getAllByRole('listitem');
    expect(rows[0]!.textContent).toContain('Анна Смирнова');
    expect(rows[0]!.textContent).toContain('по очереди в отделе (правило «Сайт»)');
    expect(rows[0]!.textContent).toContain('срок пропущен');
    expect(rows[1]!.textContent).toContain('Пётр Иванов');
    expect(rows[1]!.textContent).toContain('передана другому после пропущенного срока ответа');
    expect(rows[1]!.textContent).toContain('ответ за 04:30');
  });
});
