import { documentTypes, type DocumentType } from '@voronka/contract';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { useCreateDocument, useLegalEntities, useTemplates } from './use-documents';

// «Создать документ» on a deal: the type and our legal entity → a draft → its page, where the
// preview is shown before issuing.
export function CreateDocumentButton({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<DocumentType>('invoice');
  const entities = useLegalEntities(open);
  const [entityId, setEntityId] = useState<string | null>(null);
  const create = useCreateDocument();
  const chosen = entityId ?? entities.data?.items[0]?.id ?? null;
  const templates = useTemplates(open);
  const [templateId, setTemplateId] = useState<string | null>(null);
  // The company's own DOCX templates that fit the type and the entity (or any of them).
  const usable = (templates.data?.items ?? []).filter(
    (tpl) =>
      (!tpl.type || tpl.type === type) && (!tpl.legalEntityId || tpl.legalEntityId === chosen),
  );
  const template = usable.some((tpl) => tpl.id === templateId) ? templateId : null;
  const submit = () => {
    if (!chosen) return;
    create.mutate(
      { dealId, type, legalEntityId: chosen, ...(template ? { templateId: template } : {}) },
      {
        onSuccess: (doc) => navigate(`/documents/${doc.id}`),
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
      },
    );
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('documents.create')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('documents.create')}>
        <Stack>
          <Select
            label={t('documents.type')}
            data={documentTypes.map((v) => ({ value: v, label: t(`documents.types.${v}`) }))}
            value={type}
            onChange={(v) => v && setType(v as DocumentType)}
            allowDeselect={false}
          />
          {entities.data && entities.data.items.length === 0 ? (
            <Text c="dimmed">{t('documents.noEntities')}</Text>
          ) : (
            <Select
              label={t('documents.legalEntity')}
              data={(entities.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
              value={chosen}
              onChange={setEntityId}
              allowDeselect={false}
            />
          )}
          {usable.length > 0 && (
            <Select
              label={t('documentTemplates.template')}
              placeholder={t('documentTemplates.builtIn')}
              data={usable.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
              value={template}
              onChange={setTemplateId}
              clearable
            />
          )}
          <Group justify="flex-end">
            <Button onClick={submit} loading={create.isPending} disabled={!chosen}>
              {t('documents.createDraft')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
