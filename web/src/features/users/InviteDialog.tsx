import { InvitationCreateBody, type InvitationCreated, type Team } from '@voronka/contract';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { validate } from '../../lib/form-errors';
import { useFormState } from '../../lib/use-form-state';
import { CopyField } from '../../ui/CopyField';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { useInvite } from './use-users';

type Created = z.infer<typeof InvitationCreated>;
const invitableRoles = ['admin', 'head', 'manager', 'assistant'] as const;

export function InviteDialog({
  opened,
  onClose,
  teams,
}: {
  opened: boolean;
  onClose: () => void;
  teams: Team[];
}) {
  const { t } = useTranslation();
  const form = useFormState({ email: '', role: 'manager', teamId: '' });
  const [created, setCreated] = useState<Created | null>(null);
  const invite = useInvite({ onSuccess: setCreated, onError: form.fail });
  const close = () => {
    onClose();
    setCreated(null);
    form.clear();
    form.setValues({ email: '', role: 'manager', teamId: '' });
  };
  const submit = form.onSubmit(
    (values) => validate(InvitationCreateBody, { ...values, teamId: values.teamId || null }),
    (body) => invite.mutate(body),
  );
  const set = (k: 'role' | 'teamId') => (v: string | null) =>
    form.setValues((s) => ({ ...s, [k]: v ?? '' }));

  return (
    <Modal opened={opened} onClose={close} title={t('users.inviteTitle')} size="lg">
      {created ? (
        <Stack>
          <Text size="sm">{t('users.inviteCreated', { email: created.invitation.email })}</Text>
          <CopyField
            value={created.url}
            testId="invite-url"
            copyLabel={t('common.copy')}
            copiedLabel={t('common.copied')}
          />
          <Alert color="blue">{t('users.inviteLinkHint')}</Alert>
          <Group justify="flex-end">
            <Button onClick={close}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormAlert message={form.formError} />
            <TextInput
              label={t('auth.email')}
              type="email"
              required
              data-autofocus
              {...form.field('email')}
            />
            <Select
              label={t('users.role')}
              data={invitableRoles.map((r) => ({ value: r, label: t(`roles.names.${r}`) }))}
              value={form.values.role}
              onChange={set('role')}
              error={form.errors.role}
              allowDeselect={false}
            />
            <Select
              label={t('users.team')}
              data={[
                { value: '', label: t('users.noTeam') },
                ...teams.map((tm) => ({ value: tm.id, label: tm.name })),
              ]}
              value={form.values.teamId}
              onChange={set('teamId')}
              error={form.errors.teamId}
              allowDeselect={false}
            />
            <DialogActions
              cancelLabel={t('common.cancel')}
              onCancel={close}
              submitLabel={t('users.sendInvite')}
              loading={invite.isPending}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
