import type { SlaReport, SlaReportRow } from '@voronka/contract';
import type { Language } from '../../lib/i18n';

const units: Record<Language, { d: string; h: string; min: string; s: string }> = {
  ru: { d: 'д', h: 'ч', min: 'мин', s: 'с' },
  en: { d: 'd', h: 'h', min: 'min', s: 's' },
};

// A response time as a person says it: "45 с", "4 мин 12 с", "1 ч 20 мин", "2 д 3 ч" (two units at most).
export function formatResponseTime(seconds: number | null, lng: Language): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const u = units[lng];
  const parts: [number, string][] = [
    [Math.floor(s / 86400), u.d],
    [Math.floor((s % 86400) / 3600), u.h],
    [Math.floor((s % 3600) / 60), u.min],
    [s % 60, u.s],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return `0 ${u.s}`;
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}

// The report's breach rate is a share (0–1); the page shows per cent with one decimal at most.
export function breachPercent(row: Pick<SlaReportRow, 'breachRate'>): number {
  return Math.round(row.breachRate * 1000) / 10;
}

// <input type="date"> days: the last four weeks up to today, in the browser's calendar.
export function defaultPeriod(today = new Date()): { from: string; to: string } {
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 27);
  return { from: isoDay(from), to: isoDay(today) };
}

export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export type SlaBy = SlaReport['by'];
