import type { Ctx } from '../../platform/context.js';
import * as workspaces from '../workspaces/service.js';
import { memberStates } from './availability.js';
import type { BusinessSchedule, WorkingHours } from './business-time.js';
import { RU_PRODUCTION_CALENDAR } from './ru-calendar.js';
import { loadSettings } from './settings.js';

// The working time of members who host meetings (booking's slot engine), from the one source of
// truth routing keeps: each member's zone, hours, vacations and away mark, the workspace's hours
// for a member with none of their own, and the workspace's production calendar.
export type HostSchedule = {
  memberId: string;
  name: string;
  active: boolean;
  away: boolean;
  vacations: { from: string; to: string }[];
  schedule: BusinessSchedule;
};

export async function hostSchedules(ctx: Ctx, memberIds: string[]): Promise<HostSchedule[]> {
  if (!memberIds.length) return [];
  const settings = await loadSettings(ctx);
  const members = (
    await Promise.all(memberIds.map((id) => workspaces.getUser(ctx, id).catch(() => null)))
  ).filter((m) => m !== null);
  const states = await memberStates(ctx, members, settings.timeZone);
  const calendar = settings.productionCalendar === 'ru' ? RU_PRODUCTION_CALENDAR : null;
  return members.map((m) => {
    const s = states.get(m.id)!;
    return {
      memberId: m.id,
      name: m.name,
      active: m.status === 'active',
      away: s.away,
      vacations: s.vacations,
      schedule: {
        timeZone: s.timeZone,
        hours: (s.hours ?? settings.hours) as WorkingHours,
        calendar,
      },
    };
  });
}
