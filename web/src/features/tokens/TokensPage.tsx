import { ApiTokenCreateBody, type ApiTokenCreated } from '@voronka/contract';
import { Alert, Badge, Button, Group, Modal, Stack, Table, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatDateTime } from '../../lib/format';
import { validate } from '../../lib/form-errors';
import { useCanWrite } from '../../lib/use-can-write';
import { useFormState } from '../../lib/use-form-state';
import { useCreateToken, useRevokeToken, useTokens } from './use-tokens';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { CopyField } from '../../ui/CopyField';
import { DataTable } from '../../ui/DataTable';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';

export function TokensPage() {
  const { t } = useTranslation();
  const canCreate = useCanWrite('tokens', 'create');
  const canDelete = useCanWrite('tokens', 'delete');
  const [opened, dialog] = useDisclosure(false);
  const tokens = useTokens();
  const revoke = useRevokeToken();

  return (
    <Stack>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        actions={
          <Button onClick={dialog.open} disabled={!canCreate}>
            {t('tokens.create')}
          </Button>
        }
      />
      <DataTable
        aria-label={t('tokens.title')}
        minWidth={700}
        loading={tokens.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('tokens.empty')}
        columns={[
          t('tokens.name'),
          t('tokens.prefix'),
          t('users.createdAt'),
          t('tokens.lastUsed'),
          t('users.status'),
        ]}
        actionsLabel={t('common.actions')}
        rows={tokens.data ?? []}
        renderRow={(tok) => (
          <Table.Tr key={tok.id}>
            <Table.Td fw={500}>{tok.name}</Table.Td>
            <Table.Td>
              <code>{tok.prefix}…</code>
            </Table.Td>
            <Table.Td>{formatDateTime(tok.createdAt)}</Table.Td>
            <Table.Td>
              {tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('tokens.never')}
            </Table.Td>
            <Table.Td>
              <Badge color={tok.revokedAt ? 'gray' : 'teal'} variant="light">
                {t(tok.revokedAt ? 'tokens.revoked' : 'tokens.active')}
              </Badge>
            </Table.Td>
            <Table.Td>
              {tok.revokedAt ? null : (
                <ConfirmButton
                  label={t('tokens.revoke')}
                  ariaLabel={t('tokens.revokeName', { name: tok.name })}
                  title={t('tokens.revokeTitle')}
                  message={t('tokens.revokeConfirm', { name: tok.name })}
                  confirmLabel={t('tokens.revoke')}
                  disabled={!canDelete}
                  onConfirm={() => revoke.mutate(tok.id)}
                />
              )}
            </Table.Td>
          </Table.Tr>
        )}
      />
      {opened ? <CreateTokenDialog onClose={dialog.close} /> : null}
    </Stack>
  );
}

type Created = z.infer<typeof ApiTokenCreated>;

function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const form = useFormState({ name: '' });
  const [created, setCreated] = useState<Created | null>(null);
  const create = useCreateToken({ onSuccess: setCreated, onError: form.fail });
  const submit = form.onSubmit(
    (values) => validate(ApiTokenCreateBody, values),
    (body) => create.mutate(body),
  );
  return (
    <Modal opened onClose={onClose} title={t('tokens.createTitle')} size="lg">
      {created ? (
        <Stack>
          <Alert color="orange" title={t('tokens.onceTitle')}>
            {t('tokens.onceWarning')}
          </Alert>
          <CopyField
            value={created.token}
            testId="new-token"
            copyLabel={t('common.copy')}
            copiedLabel={t('common.copied')}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormAlert message={form.formError} />
            <TextInput
              label={t('tokens.name')}
              description={t('tokens.nameHint')}
              required
              data-autofocus
              {...form.field('name')}
            />
            <DialogActions
              cancelLabel={t('common.cancel')}
              onCancel={onClose}
              submitLabel={t('tokens.create')}
              loading={create.isPending}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
