import { CustomEntity, type CustomField } from '@voronka/contract';
import { Badge, Button, Group, SegmentedControl, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { CustomFieldDialog } from './CustomFieldDialog';
import { useCustomFields, useDeleteCustomField } from './use-custom-fields';

// Settings → Custom fields: per entity, the extra fields its forms and lists show.
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<CustomEntity>('companies');
  const fields = useCustomFields(entity);
  const remove = useDeleteCustomField();
  const canManage = useCanWrite('workspace', 'update');
  // undefined: closed; null: creating; a field: editing it.
  const [editing, setEditing] = useState<CustomField | null | undefined>(undefined);

  return (
    <Stack>
      <PageHeader
        title={t('customFields.title')}
        description={t('customFields.description')}
        actions={
          <Button onClick={() => setEditing(null)} disabled={!canManage}>
            {t('customFields.create')}
          </Button>
        }
      />
      <SegmentedControl
        value={entity}
        onChange={(v) => setEntity(v as CustomEntity)}
        data={CustomEntity.options.map((e) => ({
          value: e,
          label: t(`entities.${e}`),
        }))}
        style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
      />
      <DataTable
        aria-label={t('customFields.title')}
        minWidth={640}
        loading={fields.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('customFields.empty')}
        columns={[
          t('customFields.label'),
          t('customFields.key'),
          t('customFields.type'),
          t('customFields.options'),
        ]}
        actionsLabel={t('common.actions')}
        rows={fields.data ?? []}
        renderRow={(f) => (
          <Table.Tr key={f.id}>
            <Table.Td fw={500}>
              {f.label}
              {f.required ? (
                <Badge ml="xs" size="xs" variant="light">
                  {t('customFields.requiredBadge')}
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td>
              <code>{f.key}</code>
            </Table.Td>
            <Table.Td>{t(`customFields.types.${f.type}`)}</Table.Td>
            <Table.Td>{f.options.join(', ') || '—'}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap" justify="flex-end">
                <Button
                  size="xs"
                  variant="light"
                  disabled={!canManage}
                  onClick={() => setEditing(f)}
                  aria-label={t('customFields.editName', { name: f.label })}
                >
                  {t('common.edit')}
                </Button>
                <ConfirmButton
                  ariaLabel={t('customFields.deleteName', { name: f.label })}
                  title={t('customFields.deleteTitle')}
                  message={t('customFields.deleteConfirm', { name: f.label })}
                  disabled={!canManage}
                  onConfirm={() => remove.mutate(f.id)}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {editing !== undefined ? (
        <CustomFieldDialog entity={entity} field={editing} onClose={() => setEditing(undefined)} />
      ) : null}
    </Stack>
  );
}
