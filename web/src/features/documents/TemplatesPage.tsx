import { documentTypes, type DocumentType } from '@voronka/contract';
import {
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, putFile } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { formatDate } from '../../lib/format';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { PlaceholderReference } from './PlaceholderReference';
import {
  templatesKey,
  templateUrl,
  useDeleteTemplate,
  useLegalEntities,
  useTemplates,
} from './use-documents';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
type Errors = Partial<Record<'name' | 'type' | 'legalEntityId' | 'file', string>>;

// The server's refusal next to the field it names: the form's own fields, or else the file (a
// placeholder, an XML part or the archive itself is in the file).
function fieldErrorOf(e: unknown, t: TFunction): Errors {
  if (!(e instanceof ApiError)) return { file: errorMessage(e) };
  const field = e.field ?? 'file';
  if (field === 'name' || field === 'type' || field === 'legalEntityId')
    return { [field]: errorMessage(e) };
  // document_template.invalid: the detail is «<field>: <reason>».
  const reason = /: ([a-z_]+)$/.exec(e.detail)?.[1];
  const key = `documentTemplates.reasons.${reason ?? e.code.split('.').at(-1)}`;
  const known = reason || e.code === 'file.too_large';
  return { file: known ? t(key, { field }) : errorMessage(e) };
}

function UploadForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const entities = useLegalEntities();
  const [name, setName] = useState('');
  const [type, setType] = useState<DocumentType | null>(null);
  const [entityId, setEntityId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const missing: Errors = {};
    if (!name.trim()) missing.name = t('validation.required');
    if (!file) missing.file = t('validation.required');
    setErrors(missing);
    if (Object.keys(missing).length || !file) return;
    const query = new URLSearchParams({ name: name.trim() });
    if (type) query.set('type', type);
    if (entityId) query.set('legalEntityId', entityId);
    setBusy(true);
    try {
      const body = file.type ? file : new Blob([file], { type: DOCX });
      await putFile(`/document-templates?${query}`, body, 'POST');
      notifications.show({ message: t('documentTemplates.uploaded') });
      setName('');
      setFile(null);
      void qc.invalidateQueries({ queryKey: templatesKey });
    } catch (e) {
      setErrors(fieldErrorOf(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('documentTemplates.upload')}
          </Title>
          <TextInput
            label={t('documentTemplates.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={200}
          />
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('documentTemplates.type')}
              placeholder={t('documentTemplates.anyType')}
              data={documentTypes.map((v) => ({ value: v, label: t(`documents.types.${v}`) }))}
              value={type}
              onChange={(v) => setType(v as DocumentType | null)}
              clearable
              error={errors.type}
            />
            <Select
              label={t('documentTemplates.legalEntity')}
              placeholder={t('documentTemplates.anyEntity')}
              data={(entities.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
              value={entityId}
              onChange={setEntityId}
              clearable
              error={errors.legalEntityId}
            />
          </Group>
          <FileInput
            label={t('documentTemplates.file')}
            placeholder={t('documentTemplates.filePlaceholder')}
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            required
            value={file}
            onChange={setFile}
            error={errors.file}
            clearable
          />
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('documentTemplates.upload')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

// The company's own DOCX templates: upload (name, type, legal entity), list, download, delete,
// and the reference of the placeholders a template may use.
export function TemplatesPage() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const entities = useLegalEntities();
  const canCreate = useCanWrite('legal_entities', 'create');
  const canDelete = useCanWrite('legal_entities', 'delete');
  const entityName = (id: string | null) =>
    id
      ? (entities.data?.items.find((e) => e.id === id)?.name ?? '—')
      : t('documentTemplates.anyEntity');
  const deleteTemplate = useDeleteTemplate();
  const remove = (id: string) =>
    deleteTemplate.mutate(id, {
      onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
    });
  const items = templates.data?.items ?? [];
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('documentTemplates.title')}
      </Title>
      <Text c="dimmed">{t('documentTemplates.intro')}</Text>
      {canCreate && <UploadForm />}
      {templates.error && <Text c="red">{errorMessage(templates.error)}</Text>}
      {templates.data && !items.length ? (
        <Text c="dimmed">{t('documentTemplates.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documentTemplates.name')}</Table.Th>
                <Table.Th>{t('documentTemplates.type')}</Table.Th>
                <Table.Th>{t('documentTemplates.legalEntity')}</Table.Th>
                <Table.Th>{t('documentTemplates.placeholdersUsed')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((tpl) => (
                <Table.Tr key={tpl.id}>
                  <Table.Td>
                    <Text fw={500}>{tpl.name}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDate(tpl.createdAt)} · {Math.ceil(tpl.size / 1024)} KB
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {tpl.type ? t(`documents.types.${tpl.type}`) : t('documentTemplates.anyType')}
                  </Table.Td>
                  <Table.Td>{entityName(tpl.legalEntityId)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{tpl.placeholders.length}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Anchor href={templateUrl(tpl.id)} download>
                        {t('documentTemplates.download')}
                      </Anchor>
                      {canDelete && (
                        <ConfirmButton
                          size="xs"
                          variant="subtle"
                          color="red"
                          ariaLabel={`${t('documentTemplates.delete')}: ${tpl.name}`}
                          title={t('documentTemplates.delete')}
                          message={t('documentTemplates.deleteConfirm')}
                          onConfirm={() => void remove(tpl.id)}
                        />
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={2} size="h3">
        {t('documentTemplates.reference')}
      </Title>
      <PlaceholderReference />
    </Stack>
  );
}
