import type { Template, TemplatePreviewBody } from '@voronka/contract';
import { Alert, Loader, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { FormAlert } from '../../ui/FormAlert';
import { usePreviewRecords, usePreviewTemplate } from './use-message-templates';

// A template rendered for a real contact or deal the member picks (a sample client until then).
export function PreviewDialog({ template, onClose }: { template: Template; onClose: () => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const records = usePreviewRecords(search);
  const preview = usePreviewTemplate();
  const { mutate } = preview;
  useEffect(() => {
    const [kind, id] = picked ? picked.split(':') : [];
    const record: TemplatePreviewBody =
      kind === 'deal' ? { dealId: id } : kind === 'contact' ? { contactId: id } : {};
    mutate({ id: template.id, record });
  }, [picked, template.id, mutate]);
  const data = [
    ...records.contacts.map((c) => ({
      value: `contact:${c.id}`,
      label: t('messageTemplates.contactOption', { name: c.fullName }),
    })),
    ...records.deals.map((d) => ({
      value: `deal:${d.id}`,
      label: t('messageTemplates.dealOption', { name: d.title }),
    })),
  ];
  const result = preview.data;
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('messageTemplates.previewTitle', { name: template.name })}
    >
      <Stack>
        <Select
          label={t('messageTemplates.previewFor')}
          placeholder={t('messageTemplates.previewSearch')}
          searchable
          clearable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          data={data}
          value={picked}
          onChange={setPicked}
          nothingFoundMessage={records.loading ? t('common.loading') : undefined}
        />
        <FormAlert message={preview.error ? errorMessage(preview.error) : null} />
        {preview.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        {result ? (
          <Paper withBorder p="md" data-testid="template-preview">
            <Stack gap="xs">
              {result.sample ? (
                <Alert color="gray" p={6}>
                  <Text size="xs">{t('messageTemplates.sampleNote')}</Text>
                </Alert>
              ) : null}
              {result.subject !== null ? <Text fw={600}>{result.subject}</Text> : null}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {result.body}
              </Text>
            </Stack>
          </Paper>
        ) : null}
      </Stack>
    </Modal>
  );
}
