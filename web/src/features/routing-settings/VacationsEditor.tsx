import { ActionIcon, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type Vacation = { from: string; to: string };

// A member's vacations: date ranges, each with its own error; away on those days.
export function VacationsEditor({
  vacations,
  onChange,
  errors,
  serverError,
  disabled,
}: {
  vacations: Vacation[];
  onChange: (list: Vacation[]) => void;
  errors: Record<number, string>;
  serverError: string | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const setVacation = (i: number, v: Vacation) =>
    onChange(vacations.map((x, j) => (j === i ? v : x)));
  return (
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
            disabled={disabled}
            onChange={(e) => setVacation(i, { ...v, from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('routingSettings.availability.to')}
            value={v.to}
            disabled={disabled}
            error={errors[i]}
            onChange={(e) => setVacation(i, { ...v, to: e.currentTarget.value })}
          />
          <ActionIcon
            mt={26}
            variant="subtle"
            color="red"
            disabled={disabled}
            aria-label={t('routingSettings.availability.removeVacation', { n: i + 1 })}
            onClick={() => onChange(vacations.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      {serverError ? (
        <Text size="sm" c="red">
          {serverError}
        </Text>
      ) : null}
      <div>
        <Button
          size="xs"
          variant="light"
          disabled={disabled || vacations.length >= 50}
          onClick={() => onChange([...vacations, { from: '', to: '' }])}
        >
          {t('routingSettings.availability.addVacation')}
        </Button>
      </div>
    </Stack>
  );
}

export function vacationProblems(
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
