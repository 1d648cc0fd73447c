import type { Availability, Weekday } from '@voronka/contract';
import { Button, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../ui/FormAlert';
import { problemFieldErrors } from './problem-fields';
import { TelegramNotices } from './TelegramNotices';
import { TimeZonePicker } from '../../ui/TimeZonePicker';
import { useSaveAvailability } from './use-routing';
import {
  draftFromHours,
  type HoursDraft,
  type HoursProblem,
  hoursFromDraft,
  weekdaysPreset,
} from './weekly-hours';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';
import { AwayCard } from './AwayCard';
import { type Vacation, vacationProblems, VacationsEditor } from './VacationsEditor';

// One member's availability: the "away" switch first (one click), then hours, vacations and capacity.
export function AvailabilityEditor({
  availability: a,
  canEdit,
  own,
}: {
  availability: Availability;
  canEdit: boolean;
  own: boolean;
}) {
  const { t } = useTranslation();
  const save = useSaveAvailability(a.memberId);
  const [timeZone, setTimeZone] = useState(a.timeZone);
  const [anyTime, setAnyTime] = useState(a.hours === null);
  const [draft, setDraft] = useState<HoursDraft>(() =>
    a.hours ? draftFromHours(a.hours) : weekdaysPreset(),
  );
  const [dayErrors, setDayErrors] = useState<Partial<Record<Weekday, HoursProblem>>>({});
  const [vacations, setVacations] = useState<Vacation[]>(a.vacations);
  const [vacationErrors, setVacationErrors] = useState<Record<number, string>>({});
  const [capacity, setCapacity] = useState<number | ''>(a.capacity ?? '');
  const [saved, setSaved] = useState(false);
  const server = problemFieldErrors(save.error, ['timeZone', 'hours', 'vacations', 'capacity']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const checked = anyTime ? null : hoursFromDraft(draft);
    setDayErrors(checked && !checked.ok ? checked.errors : {});
    const badVacations = vacationProblems(
      vacations,
      t('validation.required'),
      t('routingSettings.availability.vacationOrder'),
    );
    setVacationErrors(badVacations);
    if ((checked && !checked.ok) || Object.keys(badVacations).length) return;
    save.mutate(
      {
        timeZone,
        hours: checked ? checked.hours : null,
        vacations,
        capacity: capacity === '' ? null : capacity,
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <Stack>
      <AwayCard availability={a} canEdit={canEdit} own={own} />
      <TelegramNotices availability={a} own={own} />
      <form onSubmit={submit} noValidate aria-label={t('routingSettings.availability.form')}>
        <Stack maw={720}>
          <FormAlert message={save.error ? server.rest : null} />
          <TimeZonePicker
            label={t('routingSettings.timeZone')}
            value={timeZone}
            onChange={setTimeZone}
            disabled={!canEdit}
            error={server.byField.timeZone}
          />
          <Switch
            label={t('routingSettings.availability.anyTime')}
            description={t('routingSettings.availability.anyTimeHint')}
            checked={anyTime}
            disabled={!canEdit}
            onChange={(e) => setAnyTime(e.currentTarget.checked)}
          />
          {anyTime ? null : (
            <WeeklyHoursEditor
              label={t('routingSettings.availability.hours')}
              value={draft}
              onChange={setDraft}
              errors={dayErrors}
              disabled={!canEdit}
            />
          )}
          {server.byField.hours ? (
            <Text size="sm" c="red">
              {server.byField.hours}
            </Text>
          ) : null}
          <VacationsEditor
            vacations={vacations}
            onChange={setVacations}
            errors={vacationErrors}
            serverError={server.byField.vacations}
            disabled={!canEdit}
          />
          <NumberInput
            label={t('routingSettings.availability.capacity')}
            description={t('routingSettings.availability.capacityHint')}
            min={0}
            max={10_000}
            allowDecimal={false}
            value={capacity}
            disabled={!canEdit}
            error={server.byField.capacity}
            onChange={(v) => setCapacity(typeof v === 'number' ? v : '')}
            maw={260}
          />
          {canEdit ? (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
              {saved ? (
                <Text size="sm" c="teal" role="status">
                  {t('common.saved')}
                </Text>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </form>
    </Stack>
  );
}
