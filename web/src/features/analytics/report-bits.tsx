import { Card, Text, UnstyledButton } from '@mantine/core';
import type { useTranslation } from 'react-i18next';
import { formatMonth, formatNumber } from '../../lib/format';

type T = ReturnType<typeof useTranslation>['t'];

// A duration for people: days with a decimal from a day on, hours below.
export function formatSeconds(s: number | null, t: T): string {
  if (s === null) return '—';
  if (s >= 86400)
    return t('analytics.days', { n: formatNumber(s / 86400, { maximumFractionDigits: 1 }) });
  return `${formatNumber(s / 3600, { maximumFractionDigits: 1 })} ${t('analytics.hours')}`;
}

// A figure with its label; a click opens what is behind it.
export function KeyFigure({
  label,
  value,
  onClick,
  testId,
}: {
  label: string;
  value: string;
  onClick?: () => void;
  testId: string;
}) {
  const body = (
    <Card withBorder padding="sm" h="100%">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Card>
  );
  return onClick ? (
    <UnstyledButton onClick={onClick} data-testid={testId} aria-label={`${label}: ${value}`}>
      {body}
    </UnstyledButton>
  ) : (
    <div data-testid={testId}>{body}</div>
  );
}

// «янв. 2026» / «I кв. 2026» (Jan 2026 / Q1 2026).
export function periodLabel(start: string, period: 'month' | 'quarter', lng: string): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  if (period === 'quarter') {
    const q = Math.floor((m - 1) / 3) + 1;
    return lng === 'ru' ? `${['I', 'II', 'III', 'IV'][q - 1]} кв. ${y}` : `Q${q} ${y}`;
  }
  return formatMonth(start);
}
