import type { BusinessHours, Weekday } from '@voronka/contract';
import { Alert, Button, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { FormAlert } from '../../ui/FormAlert';
import { problemFieldErrors } from './problem-fields';
import { TimeZonePicker } from '../../ui/TimeZonePicker';
import { useBusinessHours, useSaveBusinessHours } from './use-routing';
import { draftFromHours, type HoursDraft, type HoursProblem, hoursFromDraft } from './weekly-hours';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

// The workspace's business hours: the clock SLA deadlines run on when a policy counts business time.
export function BusinessHoursTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const hours = useBusinessHours();
  if (hours.isPending) return <Loader aria-label={t('common.loading')} />;
  if (hours.error) return <Alert color="red">{errorMessage(hours.error)}</Alert>;
  return <BusinessHoursForm initial={hours.data} canEdit={canEdit} />;
}

function BusinessHoursForm({ initial, canEdit }: { initial: BusinessHours; canEdit: boolean }) {
  const { t } = useTranslation();
  const save = useSaveBusinessHours();
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [calendar, setCalendar] = useState(initial.productionCalendar);
  const [draft, setDraft] = useState<HoursDraft>(() => draftFromHours(initial.hours));
  const [dayErrors, setDayErrors] = useState<Partial<Record<Weekday, HoursProblem>>>({});
  const [saved, setSaved] = useState(false);
  const server = problemFieldErrors(save.error, ['timeZone', 'hours', 'productionCalendar']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const checked = hoursFromDraft(draft);
    setDayErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    save.mutate(
      { timeZone, hours: checked.hours, productionCalendar: calendar },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('routingSettings.businessHours.form')}>
      <Stack maw={720}>
        <Text size="sm" c="dimmed">
          {t('routingSettings.businessHours.hint')}
        </Text>
        <FormAlert message={save.error ? server.rest : null} />
        <TimeZonePicker
          label={t('routingSettings.timeZone')}
          value={timeZone}
          onChange={setTimeZone}
          disabled={!canEdit}
          error={server.byField.timeZone}
        />
        <WeeklyHoursEditor
          label={t('routingSettings.businessHours.weekly')}
          value={draft}
          onChange={setDraft}
          errors={dayErrors}
          disabled={!canEdit}
        />
        {server.byField.hours ? (
          <Text size="sm" c="red">
            {server.byField.hours}
          </Text>
        ) : null}
        <Stack gap={4}>
          <Text size="sm" fw={500} id="calendar-label">
            {t('routingSettings.businessHours.calendar')}
          </Text>
          <SegmentedControl
            aria-labelledby="calendar-label"
            disabled={!canEdit}
            data={[
              { value: 'ru', label: t('routingSettings.businessHours.calendarRu') },
              { value: 'none', label: t('routingSettings.businessHours.calendarNone') },
            ]}
            value={calendar}
            onChange={(v) => setCalendar(v as BusinessHours['productionCalendar'])}
          />
          <Text size="xs" c="dimmed">
            {t('routingSettings.businessHours.calendarHint')}
          </Text>
        </Stack>
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
  );
}
