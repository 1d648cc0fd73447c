import type { Availability } from '@voronka/contract';
import { Paper, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../ui/FormAlert';
import { ineligibleLabel } from './labels';
import { problemFieldErrors } from './problem-fields';
import { useSaveAvailability } from './use-routing';

// The "away" switch (one click, saved at once) and whether the member gets requests now, and why not.
export function AwayCard({
  availability: a,
  canEdit,
  own,
}: {
  availability: Availability;
  canEdit: boolean;
  own: boolean;
}) {
  const { t } = useTranslation();
  const away = useSaveAvailability(a.memberId);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Switch
          size="lg"
          label={
            own ? t('routingSettings.availability.awayOwn') : t('routingSettings.availability.away')
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
  );
}
