import type { Ctx } from '../../platform/context.js';
import { roster, memberStates } from './availability.js';
import { workingWindows, type WorkingHours as ScheduleHours } from './business-time.js';
import { RU_PRODUCTION_CALENDAR } from './ru-calendar.js';
import { loadSettings } from './settings.js';
import { isoDate } from './zoned-time.js';

export type WorkingWindow = { memberId: string; start: Date; end: Date };

// When members work between `from` and `to`, from the one source routing keeps: each member's own
// hours and time zone (the workspace's business hours and zone when they set none), the Russian
// production calendar when the workspace keeps it (holidays off, moved working days, shortened
// pre-holiday days), minus their vacation days; a deactivated member or one marked away has none.
export async function memberWorkingWindows(
  ctx: Ctx,
  memberIds: string[],
  from: Date,
  to: Date,
): Promise<WorkingWindow[]> {
  if (!memberIds.length || !(from < to)) return [];
  const settings = await loadSettings(ctx);
  const wanted = new Set(memberIds);
  const members = (await roster(ctx)).filter((m) => wanted.has(m.id));
  const states = await memberStates(ctx, members, settings.timeZone);
  const calendar = settings.productionCalendar === 'ru' ? RU_PRODUCTION_CALENDAR : null;
  const out: WorkingWindow[] = [];
  for (const m of states.values()) {
    if (m.status !== 'active' || m.away) continue;
    const schedule = {
      timeZone: m.timeZone,
      hours: (m.hours ?? settings.hours) as ScheduleHours,
      calendar,
    };
    for (const w of workingWindows(from, to, schedule)) {
      const day = isoDate(w.date);
      if (m.vacations.some((v) => v.from <= day && day <= v.to)) continue;
      out.push({ memberId: m.id, start: new Date(w.start), end: new Date(w.end) });
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime());
}
