import type { CalendarEntry } from '@voronka/contract';
import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useCancelEvent } from './use-calendar';

// What an event or task in the calendar is; an event can be cancelled from here.
export function EntryDialog({ entry, onClose }: { entry: CalendarEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancelEvent({ onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={entry.title}>
      <Stack>
        <Group gap="xs">
          <Badge variant="light">{t(`calendar.kind.${entry.kind}`)}</Badge>
          {entry.overdue ? <Badge color="red">{t('calendar.overdue')}</Badge> : null}
        </Group>
        <Text size="sm">
          {t('calendar.when', { from: formatDateTime(entry.start), to: formatDateTime(entry.end) })}
        </Text>
        {entry.source === 'event' && entry.status === 'scheduled' ? (
          <Group justify="flex-end">
            <Button
              color="red"
              variant="light"
              loading={cancel.isPending}
              onClick={() => cancel.mutate(entry.id)}
            >
              {t('calendar.cancelEvent')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Modal>
  );
}
