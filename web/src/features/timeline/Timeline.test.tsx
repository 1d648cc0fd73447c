import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { Timeline } from './Timeline';

// The timeline API answering with these activities (jsdom has no server).
const answerWith = (items: unknown[]) =>
  vi.stubGlobal(
    'fetch',
    async () =>
      new Response(JSON.stringify({ items, nextCursor: null }), {
        headers: { 'content-type': 'application/json' },
      }),
  );

const renderTimeline = (subject: { contactId?: string; leadId?: string }) =>
  render(
    <MantineProvider env="test">
      <QueryClientProvider client={new QueryClient()}>
        <Timeline subject={subject} canLog={false} />
      </QueryClientProvider>
    </MantineProvider>,
  );

const call = (id: string, data: Record<string, unknown>) => ({
  id,
  kind: 'call',
  at: '2026-11-27T07:00:00.000Z',
  actorId: null,
  contactId: 'k1',
  companyId: null,
  dealId: null,
  leadId: null,
  body: `Входящий звонок ${id}`,
  data,
});

describe('Timeline: calls reported by a PBX', () => {
  beforeEach(async () => {
    await setLanguage('ru');
    answerWith([
      call('a1', { recordingUrl: '/api/v1/telephony/recording?channelId=c&recordingId=r&token=t' }),
      call('a2', { recordingUrl: 'https://pbx.romashka.ru/rec/2.mp3' }),
      call('a3', { recordingUrl: 'javascript:alert(1)' }),
    ]);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('links a call’s recording (Voronka’s player link or a web link), never another scheme', async () => {
    renderTimeline({ contactId: 'k1' });
    await screen.findByText('Входящий звонок a3');
    const links = screen
      .getAllByRole('link', { name: 'Запись разговора' })
      .map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      '/api/v1/telephony/recording?channelId=c&recordingId=r&token=t',
      'https://pbx.romashka.ru/rec/2.mp3',
    ]);
  });
});

describe('Timeline: routing assignments', () => {
  const assignment = (id: string, data: Record<string, unknown>) => ({
    id,
    kind: 'assignment',
    at: '2026-11-27T07:00:00.000Z',
    actorId: null,
    contactId: null,
    companyId: null,
    dealId: null,
    leadId: 'l1',
    body: null,
    data,
  });
  beforeEach(async () => {
    await setLanguage('ru');
    answerWith([
      assignment('b1', {
        memberName: 'Анна Попова',
        reason: {
          code: 'least_load',
          ruleId: 'r',
          ruleName: 'Сайт',
          strategy: 'least_load',
          detail: {},
        },
      }),
      assignment('b2', {
        memberName: null,
        teamName: 'Отдел продаж',
        reason: {
          code: 'queued_no_one_eligible',
          ruleId: null,
          ruleName: null,
          strategy: null,
          detail: {},
        },
      }),
    ]);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('says who got the request and why, or which queue it waits in', async () => {
    renderTimeline({ leadId: 'l1' });
    expect(
      await screen.findByText('Анна Попова — наименее загруженному (правило «Сайт»)'),
    ).toBeTruthy();
    expect(
      screen.getByText(
        'в очереди: Отдел продаж — сейчас никто не может взять заявку — она ждёт в очереди',
      ),
    ).toBeTruthy();
    expect(screen.getAllByText('Назначение')).toHaveLength(2);
  });
});
