import type { Ctx } from '../../platform/context.js';
import type { calendarEvents } from './tables.js';

// Reminders of an event after it was made, moved or changed (filled in by the reminder jobs).
export async function afterEventChange(
  _ctx: Ctx,
  _row: typeof calendarEvents.$inferSelect,
): Promise<void> {}
