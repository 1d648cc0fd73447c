import type { TFunction } from 'i18next';

export type DurationUnit = 'seconds' | 'minutes' | 'hours';
export const durationUnits: readonly DurationUnit[] = ['seconds', 'minutes', 'hours'];
const unitSeconds: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600 };

// What the SLA form shows for a stored number of seconds: the largest unit that divides it evenly.
export function entryFromSeconds(seconds: number): { value: number; unit: DurationUnit } {
  if (seconds > 0 && seconds % 3600 === 0) return { value: seconds / 3600, unit: 'hours' };
  if (seconds > 0 && seconds % 60 === 0) return { value: seconds / 60, unit: 'minutes' };
  return { value: seconds, unit: 'seconds' };
}

// A number and a unit as typed (fractions allowed: 1.5 hours) → whole seconds, or null when it is not a positive time.
export function secondsFromEntry(value: number | string, unit: DurationUnit): number | null {
  const n = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0) return null;
  const seconds = Math.round(n * unitSeconds[unit]);
  return seconds >= 1 ? seconds : null;
}

// "45 с", "5 мин", "1 ч 30 мин", "2 д 4 ч": at most two units, zeros left out.
export function formatSeconds(seconds: number, t: TFunction): string {
  const parts: [string, number][] = [
    ['d', Math.floor(seconds / 86_400)],
    ['h', Math.floor((seconds % 86_400) / 3600)],
    ['min', Math.floor((seconds % 3600) / 60)],
    ['s', seconds % 60],
  ];
  const shown = parts.filter(([, n]) => n > 0).slice(0, 2);
  if (shown.length === 0) return t('routingSettings.units.s', { count: 0 });
  return shown.map(([u, n]) => t(`routingSettings.units.${u}`, { count: n })).join(' ');
}
