import type { DocumentExportBody } from '@voronka/contract';
import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { exportFileUrl, useExport, useStartExport, type DocumentFilters } from './use-documents';

// Bulk export of the selected documents (or all the filters match) as one ZIP of PDFs, made by a
// server job: its progress (done of total) is shown as a bar, then the ZIP is downloaded.
export function ExportPanel({
  filters,
  selected,
}: {
  filters: DocumentFilters;
  selected: string[];
}) {
  const { t } = useTranslation();
  const [id, setId] = useState<string | null>(null);
  const start = useStartExport();
  const job = useExport(id);
  const e = job.data;
  const running = !!id && (!e || e.status === 'queued' || e.status === 'running');
  const ask = () => {
    const body: DocumentExportBody = selected.length
      ? { ids: selected }
      : {
          ...(filters.type ? { type: filters.type } : {}),
          ...(filters.status ? { status: filters.status } : {}),
          ...(filters.legalEntityId ? { legalEntityId: filters.legalEntityId } : {}),
          ...(filters.from ? { from: filters.from } : {}),
          ...(filters.to ? { to: filters.to } : {}),
        };
    start.mutate(body, {
      onSuccess: (created) => setId(created.id),
      onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
    });
  };
  return (
    <Stack gap="xs">
      <Group justify="flex-end">
        <Button variant="default" onClick={ask} loading={start.isPending} disabled={running}>
          {selected.length
            ? t('documentExport.selected', { count: selected.length })
            : t('documentExport.button')}
        </Button>
      </Group>
      {id && e && (
        <Paper withBorder p="sm">
          <Stack gap={6}>
            <Progress
              value={e.total ? (e.done / e.total) * 100 : 0}
              animated={running}
              color={e.status === 'failed' ? 'red' : undefined}
              aria-label={t('documentExport.progress', { done: e.done, total: e.total })}
            />
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" aria-live="polite">
                {t('documentExport.progress', { done: e.done, total: e.total })}
              </Text>
              {e.status === 'done' && (
                <Button component="a" href={exportFileUrl(id)} download size="xs">
                  {t('documentExport.download')}
                </Button>
              )}
            </Group>
            {e.status === 'failed' && (
              <Alert color="red" role="alert">
                {t('documentExport.failed')}
              </Alert>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
