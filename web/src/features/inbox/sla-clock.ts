import type { ConversationSummary } from '@voronka/contract';
import type { Language } from '../../lib/i18n';

// A request's first-response clock as the list shows it: time left while it runs (orange in the
// last five minutes), time past the deadline once missed, or how fast it was answered.
export type SlaClock =
  | { state: 'running' | 'soon' | 'overdue'; seconds: number }
  | { state: 'responded'; seconds: number | null };

export const SOON_SECONDS = 5 * 60;

type Clocked = Pick<ConversationSummary, 'firstResponseDueAt' | 'firstRespondedAt' | 'createdAt'>;

export function slaClock(c: Clocked, now: number): SlaClock | null {
  if (c.firstRespondedAt) {
    const took = (Date.parse(c.firstRespondedAt) - Date.parse(c.createdAt)) / 1000;
    return {
      state: 'responded',
      seconds: Number.isFinite(took) ? Math.max(0, Math.round(took)) : null,
    };
  }
  if (!c.firstResponseDueAt) return null;
  const due = Date.parse(c.firstResponseDueAt);
  if (Number.isNaN(due)) return null;
  const left = Math.ceil((due - now) / 1000);
  if (left <= 0) return { state: 'overdue', seconds: Math.abs(left) };
  return { state: left <= SOON_SECONDS ? 'soon' : 'running', seconds: left };
}

const units: Record<Language, { d: string; h: string; min: string }> = {
  ru: { d: 'д', h: 'ч', min: 'мин' },
  en: { d: 'd', h: 'h', min: 'min' },
};

// Under an hour "mm:ss" (a countdown one can watch); above it "1 ч 20 мин", and "2 д 3 ч" past a day.
export function formatSpan(seconds: number, lng: Language): string {
  const s = Math.max(0, Math.floor(seconds));
  const u = units[lng];
  if (s < 3600)
    return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours ? `${days} ${u.d} ${hours} ${u.h}` : `${days} ${u.d}`;
  return minutes ? `${hours} ${u.h} ${minutes} ${u.min}` : `${hours} ${u.h}`;
}

// Shade 8–9: the state is read in small text, and the lighter shades miss 4.5:1 contrast on white.
export const slaColor: Record<SlaClock['state'], string | undefined> = {
  running: undefined,
  soon: 'orange.9',
  overdue: 'red.8',
  responded: 'teal.9',
};

// Warm to cold: a hot request red, a cold one blue.
export function priorityColor(score: number): string {
  if (score >= 75) return 'red';
  if (score >= 50) return 'orange';
  if (score >= 25) return 'yellow';
  return 'blue';
}
