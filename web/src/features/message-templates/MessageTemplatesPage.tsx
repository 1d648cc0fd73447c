import type { Template } from '@voronka/contract';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { PreviewDialog } from './PreviewDialog';
import { TemplateDialog } from './TemplateDialog';
import { useDeleteTemplate, useTemplates } from './use-message-templates';

// Settings → Templates: the shared templates and the member's own; a shared one is changed only by
// those whose messaging right covers everyone (the server says so too).
export function MessageTemplatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canCreate = useCanWrite('messaging', 'create');
  const canUpdate = useCanWrite('messaging', 'update');
  const canDelete = useCanWrite('messaging', 'delete');
  const canShare = canUpdate && me.permissions.messaging?.visibility === 'all';
  const mayChange = (tpl: Template) => tpl.scope === 'personal' || canShare;
  const templates = useTemplates();
  const remove = useDeleteTemplate();
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const [previewing, setPreviewing] = useState<Template | null>(null);
  return (
    <Stack>
      <PageHeader
        title={t('messageTemplates.title')}
        description={t('messageTemplates.description')}
        actions={
          <Button onClick={() => setEditing('new')} disabled={!canCreate}>
            {t('messageTemplates.create')}
          </Button>
        }
      />
      <DataTable
        aria-label={t('messageTemplates.title')}
        minWidth={640}
        loading={templates.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('messageTemplates.empty')}
        columns={[
          t('messageTemplates.name'),
          t('messageTemplates.kind'),
          t('messageTemplates.scope'),
        ]}
        actionsLabel={t('common.actions')}
        rows={templates.data ?? []}
        renderRow={(tpl) => (
          <Table.Tr key={tpl.id}>
            <Table.Td fw={500}>
              <Text size="sm" fw={500}>
                {tpl.name}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {tpl.subject ?? tpl.body}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                {t(`messageTemplates.kinds.${tpl.kind}`)}
                <Badge size="xs" variant="light" color="gray">
                  {tpl.locale}
                </Badge>
              </Group>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={tpl.scope === 'shared' ? 'blue' : 'gray'}>
                {t(`messageTemplates.scopes.${tpl.scope}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" onClick={() => setPreviewing(tpl)}>
                  {t('messageTemplates.preview')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  disabled={!canUpdate || !mayChange(tpl)}
                  onClick={() => setEditing(tpl)}
                >
                  {t('common.edit')}
                </Button>
                <ConfirmButton
                  label={t('common.delete')}
                  ariaLabel={t('messageTemplates.deleteName', { name: tpl.name })}
                  title={t('messageTemplates.deleteTitle')}
                  message={t('messageTemplates.deleteConfirm', { name: tpl.name })}
                  confirmLabel={t('common.delete')}
                  disabled={!canDelete || !mayChange(tpl)}
                  onConfirm={() => remove.mutate(tpl.id)}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {editing ? (
        <TemplateDialog
          template={editing === 'new' ? null : editing}
          canShare={canShare}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {previewing ? (
        <PreviewDialog template={previewing} onClose={() => setPreviewing(null)} />
      ) : null}
    </Stack>
  );
}
