import type { Weekday } from '@voronka/contract';
import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  type HoursDraft,
  type HoursProblem,
  maxRangesPerDay,
  weekdays,
  weekdaysPreset,
} from './weekly-hours';

type Props = {
  value: HoursDraft;
  onChange: (next: HoursDraft) => void;
  errors?: Partial<Record<Weekday, HoursProblem>>;
  disabled?: boolean;
  label: string;
};

// Working hours per weekday: zero or more ranges each (none = a day off), with the usual week one click away.
export function WeeklyHoursEditor({
  value,
  onChange,
  errors = {},
  disabled = false,
  label,
}: Props) {
  const { t } = useTranslation();
  const setDay = (day: Weekday, ranges: [string, string][]) =>
    onChange({ ...value, [day]: ranges });
  const setTime = (day: Weekday, i: number, end: 0 | 1, time: string) =>
    setDay(
      day,
      value[day].map((r, j) => (j === i ? (end === 0 ? [time, r[1]] : [r[0], time]) : r)),
    );

  return (
    <Stack gap="xs" role="group" aria-label={label}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600} size="sm">
          {label}
        </Text>
        <Button
          size="xs"
          variant="light"
          disabled={disabled}
          onClick={() => onChange(weekdaysPreset())}
        >
          {t('routingSettings.hours.preset')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('routingSettings.hours.hint')}
      </Text>
      {weekdays.map((day) => {
        const dayName = t(`routingSettings.weekdays.${day}`);
        const error = errors[day];
        return (
          <Paper key={day} withBorder p="xs" radius="sm" data-testid={`hours-${day}`}>
            <Group align="flex-start" gap="xs" wrap="wrap">
              <Text size="sm" fw={500} w={110} pt={6}>
                {dayName}
              </Text>
              <Stack gap={6} style={{ flex: 1, minWidth: 220 }}>
                {value[day].length === 0 ? (
                  <Text size="sm" c="dimmed" pt={6}>
                    {t('routingSettings.hours.dayOff')}
                  </Text>
                ) : null}
                {value[day].map(([from, to], i) => (
                  <Group key={i} gap={6} wrap="nowrap">
                    <TextInput
                      type="time"
                      size="xs"
                      aria-label={t('routingSettings.hours.from', { day: dayName, n: i + 1 })}
                      value={from}
                      disabled={disabled}
                      onChange={(e) => setTime(day, i, 0, e.currentTarget.value)}
                    />
                    <Text size="sm">–</Text>
                    <TextInput
                      type="time"
                      size="xs"
                      aria-label={t('routingSettings.hours.to', { day: dayName, n: i + 1 })}
                      value={to}
                      disabled={disabled}
                      onChange={(e) => setTime(day, i, 1, e.currentTarget.value)}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('routingSettings.hours.removeRange', {
                        day: dayName,
                        n: i + 1,
                      })}
                      disabled={disabled}
                      onClick={() =>
                        setDay(
                          day,
                          value[day].filter((_, j) => j !== i),
                        )
                      }
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                {error ? (
                  <Text size="xs" c="red" role="alert">
                    {t(`routingSettings.hours.errors.${error}`)}
                  </Text>
                ) : null}
              </Stack>
              <Button
                size="xs"
                variant="subtle"
                disabled={disabled || value[day].length >= maxRangesPerDay}
                aria-label={t('routingSettings.hours.addRangeTo', { day: dayName })}
                onClick={() => setDay(day, [...value[day], nextRange(value[day])])}
              >
                {t('routingSettings.hours.addRange')}
              </Button>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}

// A new range starts an hour after the day's last one ends (a lunch break makes two ranges).
function nextRange(ranges: [string, string][]): [string, string] {
  const last = ranges[ranges.length - 1];
  if (!last) return ['09:00', '18:00'];
  const [h, m] = last[1].split(':').map(Number);
  const start = `${String(Math.min(23, (h ?? 0) + 1)).padStart(2, '0')}:${String(m ?? 0).padStart(2, '0')}`;
  return [start, start < '18:00' ? '18:00' : '00:00'];
}
