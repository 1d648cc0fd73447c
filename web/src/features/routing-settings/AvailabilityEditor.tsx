import type { Availability, Weekday } from '@voronka/contract';
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../ui/FormAlert';
import { ineligibleLabel } from './labels';
import { problemFieldErrors } from './problem-fields';
import { TelegramNotices } from './TelegramNotices';
import { timeZoneOptions } from './time-zones';
import { useSaveAvailability } from './use-routing';
import {
  draftFromHours,
  type HoursDraft,
  type HoursProblem,
  hoursFromDraft,
  weekdaysPreset,
} from './weekly-hours';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

type Vacation = { from: string; to: string };

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
  const away = useSaveAvailability(a.memberId);
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
  const setVacation = (i: number, v: Vacation) =>
    setVacations((list) => list.map((x, j) => (j === i ? v : x)));

  return (
    <Stack>
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Switch
            size="lg"
            label={
              own
                ? t('routingSettings.availability.awayOwn')
                : t('routingSettings.availability.away')
            }
            description={t('routingSettings.availability.awayHint')}
            checked={
              away.isPending && away.variables.away !== undefined ? away.variables.away : a.away
            }
            disabled={!canEdit || away.isPending}
            onChange={(e) => away.mutate({ away: e.currentTarget.checked })}
          />
          <FormAlert message={away.error ? problemFieldErrors(away.error, []).rest : null} />
          <Text size="sm" data-testid="availability-status" c={a.eligible ? 'teal' : 'orange'}>
            {a.eligible
              ? t('routingSettings.availability.eligible')
              : t('routingSettings.availability.notEligible', {
                  reason: a.reason ? ineligibleLabel(t, a.reason) : '—',
                })}
          </Text>
          <Text size="sm">
            {a.capacity === null
              ? t('routingSettings.availability.load', { load: a.openLoad })
              : t('routingSettings.availability.loadOf', {
                  load: a.openLoad,
                  capacity: a.capacity,
                })}
          </Text>
        </Stack>
      </Paper>
      <TelegramNotices availability={a} own={own} />
      <form onSubmit={submit} noValidate aria-label={t('routingSettings.availability.form')}>
        <Stack maw={720}>
          <FormAlert message={save.error ? server.rest : null} />
          <Select
            label={t('routingSettings.timeZone')}
            data={timeZoneOptions(timeZone)}
            value={timeZone}
            onChange={(v) => v && setTimeZone(v)}
            searchable
            allowDeselect={false}
            limit={100}
            disabled={!canEdit}
            error={server.byField.timeZone}
            nothingFoundMessage={t('common.nothingFound')}
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
          <Stack gap="xs" role="group" aria-labelledby="vacations-title">
            <Title order={2} size="h5" id="vacations-title">
              {t('routingSettings.availability.vacations')}
            </Title>
            {vacations.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('routingSettings.availability.noVacations')}
              </Text>
            ) : null}
            {vacations.map((v, i) => (
              <Group key={i} gap="xs" align="flex-start" wrap="wrap">
                <TextInput
                  type="date"
                  label={t('routingSettings.availability.from')}
                  value={v.from}
                  disabled={!canEdit}
                  onChange={(e) => setVacation(i, { ...v, from: e.currentTarget.value })}
                />
                <TextInput
                  type="date"
                  label={t('routingSettings.availability.to')}
                  value={v.to}
                  disabled={!canEdit}
                  error={vacationErrors[i]}
                  onChange={(e) => setVacation(i, { ...v, to: e.currentTarget.value })}
                />
                <ActionIcon
                  mt={26}
                  variant="subtle"
                  color="red"
                  disabled={!canEdit}
                  aria-label={t('routingSettings.availability.removeVacation', { n: i + 1 })}
                  onClick={() => setVacations((list) => list.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            {server.byField.vacations ? (
              <Text size="sm" c="red">
                {server.byField.vacations}
              </Text>
            ) : null}
            <div>
              <Button
                size="xs"
                variant="light"
                disabled={!canEdit || vacations.length >= 50}
                onClick={() => setVacations((list) => [...list, { from: '', to: '' }])}
              >
                {t('routingSettings.availability.addVacation')}
              </Button>
            </div>
          </Stack>
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

function vacationProblems(
  list: Vacation[],
  required: string,
  order: string,
): Record<number, string> {
  const out: Record<number, string> = {};
  list.forEach((v, i) => {
    if (!v.from || !v.to) out[i] = required;
    else if (v.from > v.to) out[i] = order;
  });
  return out;
}
