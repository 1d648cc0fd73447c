import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useDeleteForm, useForms } from './use-forms';

// Settings → Forms: the website forms whose submissions arrive in the inbox as requests.
export function FormsPage() {
  const { t } = useTranslation();
  const forms = useForms();
  const remove = useDeleteForm();
  const canManage = useCanWrite('workspace', 'update');
  const navigate = useNavigate();
  return (
    <Stack>
      <PageHeader
        title={t('forms.title')}
        description={t('forms.description')}
        actions={
          <Button onClick={() => navigate('/settings/forms/new')} disabled={!canManage}>
            {t('forms.create')}
          </Button>
        }
      />
      <FormAlert
        message={
          forms.error ? errorMessage(forms.error) : remove.error ? errorMessage(remove.error) : null
        }
      />
      <DataTable
        aria-label={t('forms.title')}
        minWidth={560}
        loading={forms.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('forms.empty')}
        columns={[t('forms.name'), t('forms.fieldsCount'), t('forms.domains')]}
        actionsLabel={t('common.actions')}
        rows={forms.data ?? []}
        renderRow={(f) => (
          <Table.Tr key={f.id}>
            <Table.Td fw={500}>
              <Anchor component={Link} to={`/settings/forms/${f.id}`}>
                {f.name}
              </Anchor>
              {f.callbackButton ? (
                <Badge ml="xs" size="xs" variant="light" color="teal">
                  {t('forms.callbackBadge')}
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td>{f.fields.length}</Table.Td>
            <Table.Td>
              {f.allowedDomains.length ? (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {f.allowedDomains.join(', ')}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('forms.hostedOnly')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap" justify="flex-end">
                <Button
                  size="xs"
                  variant="light"
                  component={Link}
                  to={`/settings/forms/${f.id}`}
                  aria-label={t('forms.editName', { name: f.name })}
                >
                  {canManage ? t('common.edit') : t('forms.open')}
                </Button>
                <ConfirmButton
                  ariaLabel={t('forms.deleteName', { name: f.name })}
                  title={t('forms.deleteTitle')}
                  message={t('forms.deleteConfirm', { name: f.name })}
                  disabled={!canManage}
                  onConfirm={() => remove.mutate(f.id)}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
