import type { CalendarEntry } from '@voronka/contract';
import type { EventInput } from '@fullcalendar/core';

const colors: Record<CalendarEntry['kind'], string> = {
  meeting: '#228be6',
  call: '#12b886',
  task: '#fab005',
  internal: '#7950f2',
};

// The API's entries as FullCalendar events: only events (not tasks, not recurrences) are dragged.
export function toCalendarEvents(items: CalendarEntry[], overdueLabel: string): EventInput[] {
  return items.map((e) => ({
    id: e.key,
    title: e.overdue ? `${overdueLabel}: ${e.title}` : e.title,
    start: e.start,
    end: e.end,
    allDay: e.allDay,
    backgroundColor: e.overdue ? '#fa5252' : colors[e.kind],
    borderColor: e.overdue ? '#fa5252' : colors[e.kind],
    textColor: e.status === 'done' ? '#dee2e6' : undefined,
    editable: e.source === 'event' && !e.recurring,
    extendedProps: { entry: e },
  }));
}

// Working windows as one inverse background group: FullCalendar shades everything outside them.
export function workingBackground(items: { start: string; end: string }[]): EventInput[] {
  return items.map((w, i) => ({
    id: `work-${i}`,
    groupId: 'working',
    start: w.start,
    end: w.end,
    display: 'inverse-background',
    color: '#adb5bd',
  }));
}
