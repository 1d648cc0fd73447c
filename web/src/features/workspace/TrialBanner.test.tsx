import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { afterAll, describe, expect, it } from 'vitest';
import { i18n, setLanguage } from '../../lib/i18n';
import { ReadOnlyBanner, TrialBanner } from './TrialBanner';

function bannerText(days: number | null, plan: 'trial' | 'active' = 'trial'): string | null {
  const { unmount } = render(
    <MantineProvider env="test">
      <TrialBanner workspace={{ plan, trialDaysLeft: days }} />
    </MantineProvider>,
  );
  const text = screen.queryByTestId('trial-banner')?.textContent ?? null;
  unmount();
  return text;
}

describe('TrialBanner', () => {
  afterAll(() => setLanguage('ru'));

  it('uses the three Russian plural forms', async () => {
    await setLanguage('ru');
    expect(bannerText(1)).toBe('Пробный период: остался 1 день');
    expect(bannerText(3)).toBe('Пробный период: осталось 3 дня');
    expect(bannerText(7)).toBe('Пробный период: осталось 7 дней');
    expect(bannerText(11)).toBe('Пробный период: осталось 11 дней');
    expect(bannerText(21)).toBe('Пробный период: остался 21 день');
    expect(bannerText(22)).toBe('Пробный период: осталось 22 дня');
  });

  it('uses the English singular and plural', async () => {
    await setLanguage('en');
    expect(i18n.language).toBe('en');
    expect(bannerText(1)).toBe('Trial: 1 day left');
    expect(bannerText(5)).toBe('Trial: 5 days left');
  });

  it('says when today is the last day', async () => {
    await setLanguage('ru');
    expect(bannerText(0)).toBe('Пробный период: сегодня последний день');
  });

  it('shows nothing on a paid plan', () => {
    expect(bannerText(null, 'active')).toBeNull();
  });

  it('marks the read-only banner for tests and screen readers', async () => {
    await setLanguage('ru');
    render(
      <MantineProvider env="test">
        <ReadOnlyBanner />
      </MantineProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('только для чтения');
  });
});
