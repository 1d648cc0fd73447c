import type { TFunction } from 'i18next';

// Time in a stage, coarse: "3 d 4 h", "2 h 5 min", "40 s".
export function formatDuration(seconds: number, t: TFunction): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d) return `${t('deals.units.d', { count: d })} ${t('deals.units.h', { count: h })}`;
  if (h) return `${t('deals.units.h', { count: h })} ${t('deals.units.min', { count: m })}`;
  if (m) return t('deals.units.min', { count: m });
  return t('deals.units.s', { count: seconds });
}
