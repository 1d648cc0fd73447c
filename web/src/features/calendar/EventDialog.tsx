import { CalendarEventCreateBody } from '@voronka/contract';
import { Modal, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { validate } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useFormState } from '../../lib/use-form-state';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { useActiveUsers } from '../teams';
import { useCreateEvent } from './use-calendar';

const kinds = ['meeting', 'call', 'task', 'internal'] as const;
const places = ['office', 'client_address', 'phone', 'video', 'other'] as const;
const offsets = ['0', '15', '60', '1440'] as const;
const repeats = { none: null, daily: 'FREQ=DAILY', weekly: 'FREQ=WEEKLY' } as const;
type Kind = (typeof kinds)[number];

// A new event for the range selected in the calendar (whose calendar: `ownerId`).
export function EventDialog({
  range,
  ownerId,
  onClose,
}: {
  range: { start: Date; end: Date; allDay: boolean };
  ownerId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const users = useActiveUsers();
  const form = useFormState({
    title: '',
    kind: 'meeting' as Kind,
    locationKind: '' as string,
    location: '',
    videoUrl: '',
    attendeeIds: [] as string[],
    reminders: ['15'] as string[],
    repeat: 'none' as keyof typeof repeats,
  });
  const v = form.values;
  const save = useCreateEvent({ onSuccess: onClose, onError: form.fail });
  const submit = form.onSubmit(
    (v) =>
      validate(CalendarEventCreateBody, {
        title: v.title,
        kind: v.kind,
        ownerId,
        startsAt: range.start.toISOString(),
        endsAt: range.end.toISOString(),
        allDay: range.allDay,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        locationKind: v.locationKind || null,
        location: v.location || null,
        videoUrl: v.videoUrl || null,
        attendeeIds: v.attendeeIds,
        reminders: v.reminders.map(Number),
        rrule: v.kind === 'internal' ? repeats[v.repeat] : null,
      }),
    (body) => save.mutate(body),
  );
  const people = (users.data ?? [])
    .filter((u) => u.id !== ownerId)
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <Modal opened onClose={onClose} title={t('calendar.newEvent')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <Text size="sm" c="dimmed">
            {t('calendar.when', {
              from: formatDateTime(range.start),
              to: formatDateTime(range.end),
            })}
          </Text>
          <TextInput
            label={t('calendar.eventTitle')}
            required
            data-autofocus
            {...form.field('title')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('calendar.kindLabel')}
              data={kinds.map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }))}
              value={v.kind}
              onChange={(k) => form.set('kind', (k ?? 'meeting') as Kind)}
              allowDeselect={false}
            />
            <Select
              label={t('calendar.locationKindLabel')}
              data={places.map((k) => ({ value: k, label: t(`calendar.locationKind.${k}`) }))}
              value={v.locationKind || null}
              onChange={(k) => form.set('locationKind', k ?? '')}
              clearable
            />
          </SimpleGrid>
          {v.locationKind === 'video' ? (
            <TextInput label={t('calendar.videoUrl')} type="url" {...form.field('videoUrl')} />
          ) : v.locationKind ? (
            <TextInput label={t('calendar.location')} {...form.field('location')} />
          ) : null}
          <MultiSelect
            label={t('calendar.attendees')}
            data={people}
            value={v.attendeeIds}
            onChange={(ids) => form.set('attendeeIds', ids)}
            searchable
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect
              label={t('calendar.reminders')}
              data={offsets.map((o) => ({ value: o, label: t(`calendar.reminder.${o}`) }))}
              value={v.reminders}
              onChange={(r) => form.set('reminders', r)}
            />
            {v.kind === 'internal' ? (
              <Select
                label={t('calendar.repeat')}
                data={[
                  { value: 'none', label: t('calendar.repeatNone') },
                  { value: 'daily', label: t('calendar.repeatDaily') },
                  { value: 'weekly', label: t('calendar.repeatWeekly') },
                ]}
                value={v.repeat}
                onChange={(r) => form.set('repeat', (r ?? 'none') as keyof typeof repeats)}
                allowDeselect={false}
              />
            ) : null}
          </SimpleGrid>
          <DialogActions
            cancelLabel={t('calendar.cancel')}
            onCancel={onClose}
            submitLabel={t('calendar.create')}
            loading={save.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
