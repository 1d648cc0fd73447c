import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLostReasons } from './use-pipelines';

// A deal dropped on a lost stage: the reason is asked for before the move is sent.
export function LostReasonDialog({
  onCancel,
  onConfirm,
}: {
  onCancel: () => void;
  onConfirm: (id: string) => void;
}) {
  const { t } = useTranslation();
  const reasons = useLostReasons();
  const [value, setValue] = useState<string | null>(null);
  return (
    <Modal opened onClose={onCancel} title={t('deals.lostReasonTitle')}>
      <Stack>
        <Select
          label={t('deals.lostReason')}
          data={(reasons.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={value}
          onChange={setValue}
          required
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!value} onClick={() => value && onConfirm(value)}>
            {t('deals.markLost')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
