import { InvitationAcceptBody, type InvitationPreview, type RoleKey } from '@voronka/contract';
import { Alert, Button, Loader, Stack, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { errorMessage } from '../../lib/error-message';
import { validate } from '../../lib/form-errors';
import { useFormState } from '../../lib/use-form-state';
import { FormAlert } from '../../ui/FormAlert';
import { PasswordField } from '../../ui/PasswordField';
import { AuthLayout } from './AuthLayout';
import { useAfterSignIn } from './use-after-sign-in';
import { useAcceptInvitation, useInvitationPreview } from './use-auth';

type Preview = z.infer<typeof InvitationPreview>;

export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);

  return (
    <AuthLayout title={t('invite.title')}>
      {preview.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {preview.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(preview.error)}
        </Alert>
      ) : null}
      {preview.data ? <AcceptForm token={token} preview={preview.data} /> : null}
    </AuthLayout>
  );
}

function AcceptForm({ token, preview }: { token: string; preview: Preview }) {
  const { t } = useTranslation();
  const form = useFormState({ name: '', password: '' });
  const accept = useAcceptInvitation(token, { onSuccess: useAfterSignIn(), onError: form.fail });
  const submit = form.onSubmit(
    (values) => validate(InvitationAcceptBody, values),
    (body) => accept.mutate(body),
  );
  return (
    <Stack>
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={140}>{t('invite.workspace')}</Table.Th>
            <Table.Td>{preview.workspaceName}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('auth.email')}</Table.Th>
            <Table.Td style={{ wordBreak: 'break-all' }}>{preview.email}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('users.role')}</Table.Th>
            <Table.Td>{t(`roles.names.${preview.role satisfies RoleKey}`)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput label={t('auth.name')} autoComplete="name" required {...form.field('name')} />
          <PasswordField
            toggleLabel={t('auth.showCharacters')}
            label={t('auth.password')}
            description={t('invite.passwordHint')}
            autoComplete="new-password"
            required
            {...form.field('password')}
          />
          <Button type="submit" loading={accept.isPending} fullWidth>
            {t('invite.accept')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
