import {
  companyImportFields,
  contactImportFields,
  productImportFields,
  type DuplicatePolicy,
  type Entity,
  type ImportEntity,
  type ImportPreview,
} from '@voronka/contract';
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { useCanWrite } from '../../lib/use-can-write';
import { useImportProgress, useStartImport, useUploadImport } from './use-import';

const fieldsOf = {
  companies: companyImportFields,
  contacts: contactImportFields,
  products: productImportFields,
};
// Products are governed by the catalog right.
const rightsOf = (entity: ImportEntity): Entity => (entity === 'products' ? 'catalog' : entity);

// The import wizard: upload → map columns (with a preview) and choose the duplicate policy →
// progress → result with the error report.
function ImportWizard({ entity, onClose }: { entity: ImportEntity; onClose: () => void }) {
  const { t } = useTranslation();
  const upload = useUploadImport(entity);
  const start = useStartImport();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const canUpdate = useCanWrite(rightsOf(entity), 'update');
  // A catalog file is usually the catalog itself: existing SKUs are updated unless told otherwise.
  const [policy, setPolicy] = useState<DuplicatePolicy>(
    entity === 'products' && canUpdate ? 'update' : 'skip',
  );
  const [startedId, setStartedId] = useState<string | null>(null);
  const fields: readonly string[] = fieldsOf[entity];
  const isPhone = useMediaQuery('(max-width: 36em)');

  const onFile = (file: File | null) => {
    if (!file) return;
    upload.mutate(file, { onSuccess: (p) => (setPreview(p), setMapping(p.suggestedMapping)) });
  };
  const onStart = () =>
    preview &&
    start.mutate(
      { id: preview.import.id, body: { mapping: mapping as never, duplicatePolicy: policy } },
      { onSuccess: (imp) => setStartedId(imp.id) },
    );

  if (startedId) return <ImportProgressView id={startedId} onClose={onClose} />;

  if (!preview) {
    return (
      <Stack>
        <Text size="sm" c="dimmed">
          {t('import.uploadHint')}
        </Text>
        <FileInput
          label={t('import.file')}
          placeholder={t('import.choose')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={onFile}
          disabled={upload.isPending}
        />
        {upload.isPending ? (
          <Progress value={100} animated aria-label={t('import.uploading')} />
        ) : null}
        {upload.error ? <Alert color="red">{errorMessage(upload.error)}</Alert> : null}
      </Stack>
    );
  }

  const options = [
    { value: '', label: t('import.skipColumn') },
    ...fields.map((f) => ({ value: f, label: t(`import.fields.${f}`) })),
  ];
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('import.mappingHint', { file: preview.import.fileName })}
      </Text>
      <ScrollArea>
        <Table withTableBorder miw={Math.max(480, preview.columns.length * 170)} fz="sm">
          <Table.Thead>
            <Table.Tr>
              {preview.columns.map((c, i) => (
                <Table.Th key={i} miw={160}>
                  <Text size="xs" c="dimmed" mb={4} truncate>
                    {c || t('import.column', { n: i + 1 })}
                  </Text>
                  <Select
                    size="xs"
                    aria-label={t('import.fieldFor', { column: c })}
                    data={options}
                    value={mapping[String(i)] ?? ''}
                    onChange={(v) => setMapping((m) => ({ ...m, [String(i)]: v ?? '' }))}
                    allowDeselect={false}
                  />
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.preview.slice(0, 5).map((row, r) => (
              <Table.Tr key={r}>
                {row.map((cell, i) => (
                  <Table.Td
                    key={i}
                    style={{
                      whiteSpace: 'nowrap',
                      maxWidth: 220,
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                    }}
                  >
                    {cell}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t(entity === 'products' ? 'import.duplicatesProducts' : 'import.duplicates')}
        </Text>
        <SegmentedControl
          orientation={isPhone ? 'vertical' : 'horizontal'}
          fullWidth={Boolean(isPhone)}
          value={policy}
          onChange={(v) => setPolicy(v as DuplicatePolicy)}
          data={(['skip', 'update', 'create'] as const).map((p) => ({
            value: p,
            label: t(`import.policy.${p}`),
            disabled: p === 'update' && !canUpdate,
          }))}
        />
        <Text size="xs" c="dimmed" mt={4}>
          {t(
            entity === 'products'
              ? `import.productPolicyHint.${policy}`
              : `import.policyHint.${policy}`,
          )}
        </Text>
      </div>
      {start.error ? <Alert color="red">{errorMessage(start.error)}</Alert> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={onStart} loading={start.isPending}>
          {t('import.start', { count: preview.import.totalRows ?? undefined })}
        </Button>
      </Group>
    </Stack>
  );
}

export function ImportButton({ entity }: { entity: ImportEntity }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const canCreate = useCanWrite(rightsOf(entity), 'create');
  const isPhone = useMediaQuery('(max-width: 36em)');
  if (!canCreate) return null;
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('import.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t(`import.title.${entity}`)}
        size="xl"
        fullScreen={Boolean(isPhone)}
      >
        {opened ? <ImportWizard entity={entity} onClose={() => setOpened(false)} /> : null}
      </Modal>
    </>
  );
}

// A started import: its progress, then what it did and the first errors (all of them as a CSV).
function ImportProgressView({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const progress = useImportProgress(id);
  const imp = progress.data;
  const done = imp?.status === 'done';
  const percent = imp?.totalRows ? Math.round((imp.processedRows / imp.totalRows) * 100) : 0;
  return (
    <Stack>
      <Text>{done ? t('import.done') : t('import.running')}</Text>
      <Progress value={done ? 100 : percent} animated={!done} aria-label={t('import.progress')} />
      {imp ? (
        <Text size="sm">
          {t('import.counts', {
            processed: imp.processedRows,
            total: imp.totalRows ?? '…',
            created: imp.createdRows,
            updated: imp.updatedRows,
            skipped: imp.skippedRows,
            errors: imp.errorCount,
          })}
        </Text>
      ) : null}
      {done && imp.errorCount > 0 ? (
        <Alert color="orange" title={t('import.errorsTitle', { count: imp.errorCount })}>
          <Stack gap={4}>
            {imp.errors.slice(0, 5).map((e, i) => (
              <Text key={i} size="sm">
                {t('import.errorLine', {
                  row: e.row,
                  field: t(`import.fields.${e.field}`, { defaultValue: e.field }),
                  reason: e.reason,
                })}
              </Text>
            ))}
            <Anchor href={`/api/v1/imports/${imp.id}/errors.csv`} download>
              {t('import.downloadErrors')}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button onClick={onClose}>{done ? t('import.close') : t('import.hide')}</Button>
      </Group>
    </Stack>
  );
}
