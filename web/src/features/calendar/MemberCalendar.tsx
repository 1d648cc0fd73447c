import FullCalendar from '@fullcalendar/react';
import type { DateSelectArg, DatesSetArg, EventChangeArg, EventClickArg } from '@fullcalendar/core';
import ruLocale from '@fullcalendar/core/locales/ru';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import timeGridPlugin from '@fullcalendar/timegrid';
import type { CalendarEntry } from '@voronka/contract';
import { notifications } from '@mantine/notifications';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n';
import { toCalendarEvents, workingBackground } from './calendar-entries';
import { useCalendarRange, useUpdateEvent, useWorkingHours, type Range } from './use-calendar';

export type Selection = { start: Date; end: Date; allDay: boolean };

// One member's calendar (or several members' merged): day, week, month and list views; select a
// range to create, drag or resize an event to move it; outside working hours is shaded.
export function MemberCalendar({
  memberIds,
  onSelect,
  onOpen,
  compact = false,
  date,
}: {
  memberIds: string[];
  onSelect: (s: Selection) => void;
  onOpen: (e: CalendarEntry) => void;
  compact?: boolean;
  date?: Date;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [range, setRange] = useState<Range | null>(null);
  const entries = useCalendarRange(range, memberIds);
  const hours = useWorkingHours(range, memberIds);
  const update = useUpdateEvent();
  const overdue = t('calendar.overdue');
  const events = useMemo(
    () => [
      ...toCalendarEvents(entries.data?.items ?? [], overdue),
      ...workingBackground(hours.data?.items ?? []),
    ],
    [entries.data, hours.data, overdue],
  );
  const move = (arg: EventChangeArg) => {
    const entry = arg.event.extendedProps.entry as CalendarEntry;
    update.mutate(
      {
        id: entry.id,
        body: {
          startsAt: arg.event.start!.toISOString(),
          endsAt: (arg.event.end ?? arg.event.start!).toISOString(),
        },
      },
      {
        onError: () => {
          arg.revert();
          notifications.show({ color: 'red', message: t('calendar.moveFailed') });
        },
      },
    );
  };
  return (
    <FullCalendar
      plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
      locales={[ruLocale]}
      locale={currentLanguage()}
      initialView={compact || phone ? 'timeGridDay' : 'timeGridWeek'}
      initialDate={date}
      headerToolbar={
        compact
          ? false
          : phone
            ? { left: 'prev,next', center: 'title', right: 'timeGridDay,listWeek' }
            : {
                left: 'prev,next today',
                center: 'title',
                right: 'timeGridDay,timeGridWeek,dayGridMonth,listWeek',
              }
      }
      buttonText={{
        today: t('calendar.today'),
        day: t('calendar.day'),
        week: t('calendar.week'),
        month: t('calendar.month'),
        list: t('calendar.list'),
      }}
      allDayText={t('calendar.allDay')}
      height="auto"
      nowIndicator
      selectable
      selectMirror
      editable
      eventInteractive
      scrollTime="08:00:00"
      slotDuration="00:30:00"
      datesSet={(arg: DatesSetArg) => {
        const next = { from: arg.start.toISOString(), to: arg.end.toISOString() };
        // FullCalendar reports the dates again on every re-render: only a change is a new range.
        setRange((r) => (r && r.from === next.from && r.to === next.to ? r : next));
      }}
      events={events}
      select={(arg: DateSelectArg) => {
        arg.view.calendar.unselect();
        onSelect({ start: arg.start, end: arg.end, allDay: arg.allDay });
      }}
      eventClick={(arg: EventClickArg) => {
        const entry = arg.event.extendedProps.entry as CalendarEntry | undefined;
        if (entry) onOpen(entry);
      }}
      eventDrop={move}
      eventResize={move}
    />
  );
}
