import { Badge, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCanWrite } from '../../lib/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { CardSection } from '../records/RecordCard';
import { useDunningState, usePauseDunning } from './use-dunning';

const statusColor = { sent: 'green', failed: 'red', stopped: 'gray', skipped: 'gray' } as const;

// On the company card: whether reminders about the client's invoices are on, who paused them and
// why, a pause or resume, and the reminders sent.
export function DunningSection({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const state = useDunningState(companyId);
  const change = usePauseDunning(companyId);
  const canWrite = useCanWrite('finance', 'update');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  if (!state.data) return null;
  const { pause, runs } = state.data;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    change.mutate(
      { reason, until: until ? new Date(`${until}T23:59:59`).toISOString() : null },
      { onSuccess: () => (setReason(''), setUntil('')) },
    );
  };
  return (
    <CardSection title={t('dunning.section')}>
      <Stack gap="sm">
        {pause ? (
          <Group justify="space-between" wrap="wrap">
            <Text role="status">
              {pause.until
                ? t('dunning.pausedUntil', { until: formatDate(pause.until), reason: pause.reason })
                : t('dunning.pausedForever', { reason: pause.reason })}
            </Text>
            {canWrite ? (
              <Button size="xs" onClick={() => change.mutate(null)} loading={change.isPending}>
                {t('dunning.resume')}
              </Button>
            ) : null}
          </Group>
        ) : (
          <Text role="status">{t('dunning.active')}</Text>
        )}
        {!pause && canWrite ? (
          <Stack component="form" onSubmit={submit} gap="xs">
            <TextInput
              label={t('dunning.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
            />
            <TextInput
              type="date"
              label={t('dunning.until')}
              value={until}
              onChange={(e) => setUntil(e.currentTarget.value)}
            />
            <Button type="submit" size="xs" variant="default" loading={change.isPending}>
              {t('dunning.pause')}
            </Button>
          </Stack>
        ) : null}
        <FormAlert message={change.error ? errorMessage(change.error) : null} />
        <Text size="sm" fw={600}>
          {t('dunning.runs')}
        </Text>
        {runs.length ? (
          <List size="sm" spacing={4} listStyleType="none">
            {runs.slice(0, 10).map((r) => (
              <List.Item key={r.id}>
                <Group gap={6} wrap="wrap">
                  <Text size="sm">
                    {t('dunning.runLine', {
                      number: r.invoiceNumber ?? '—',
                      offset: r.offsetDays > 0 ? `+${r.offsetDays}` : String(r.offsetDays),
                    })}
                  </Text>
                  <Badge
                    size="sm"
                    variant="light"
                    color={statusColor[r.status as keyof typeof statusColor] ?? 'blue'}
                  >
                    {t(`dunning.status.${r.status}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(r.doneAt ?? r.createdAt)}
                  </Text>
                </Group>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            {t('dunning.noRuns')}
          </Text>
        )}
      </Stack>
    </CardSection>
  );
}
