import { ApiTokenCreateBody, type ApiToken, type ApiTokenCreated, type Page } from '@voronka/contract';
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { validate } from '../../app/form-errors';
import { useCanWrite } from '../../app/use-can-write';
import { useFormState } from '../../app/use-form-state';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { CopyField } from '../../ui/CopyField';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';

const tokensKey = ['tokens'] as const;

export function TokensPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canCreate = useCanWrite('tokens', 'create');
  const canDelete = useCanWrite('tokens', 'delete');
  const [opened, dialog] = useDisclosure(false);
  const tokens = useQuery({
    queryKey: tokensKey,
    queryFn: () => api.get<Page<ApiToken> | ApiToken[]>('/tokens'),
    select: (r) => (Array.isArray(r) ? r : r.items),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/tokens/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });

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
      {tokens.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {tokens.data?.length === 0 ? <Text c="dimmed">{t('tokens.empty')}</Text> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <Table.ScrollContainer minWidth={700}>
          <Table striped aria-label={t('tokens.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tokens.name')}</Table.Th>
                <Table.Th>{t('tokens.prefix')}</Table.Th>
                <Table.Th>{t('users.createdAt')}</Table.Th>
                <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((tok) => (
                <Table.Tr key={tok.id}>
                  <Table.Td fw={500}>{tok.name}</Table.Td>
                  <Table.Td>
                    <code>{tok.prefix}…</code>
                  </Table.Td>
                  <Table.Td>{formatDateTime(tok.createdAt)}</Table.Td>
                  <Table.Td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('tokens.never')}</Table.Td>
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
                        cancelLabel={t('common.cancel')}
                        disabled={!canDelete}
                        onConfirm={() => revoke.mutate(tok.id)}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {opened ? <CreateTokenDialog onClose={dialog.close} /> : null}
    </Stack>
  );
}

type Created = z.infer<typeof ApiTokenCreated>;

function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useFormState({ name: '' });
  const [created, setCreated] = useState<Created | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string }) => api.post<Created>('/tokens', body),
    meta: { inlineErrors: true },
    onSuccess: (res) => {
      setCreated(res);
      void qc.invalidateQueries({ queryKey: tokensKey });
    },
    onError: form.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    const r = validate(ApiTokenCreateBody, form.values);
    if (!r.ok) return form.setErrors(r.errors);
    create.mutate(r.data);
  };
  return (
    <Modal opened onClose={onClose} title={t('tokens.createTitle')} size="lg">
      {created ? (
        <Stack>
          <Alert color="orange" title={t('tokens.onceTitle')}>
            {t('tokens.onceWarning')}
          </Alert>
          <CopyField value={created.token} testId="new-token" copyLabel={t('common.copy')} copiedLabel={t('common.copied')} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormAlert message={form.formError} />
            <TextInput label={t('tokens.name')} description={t('tokens.nameHint')} required data-autofocus {...form.field('name')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('tokens.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
