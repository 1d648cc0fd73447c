import { PasswordResetConfirmBody, PasswordResetRequestBody } from '@voronka/contract';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { validate } from '../../lib/form-errors';
import { useFormState } from '../../lib/use-form-state';
import { FormAlert } from '../../ui/FormAlert';
import { PasswordField } from '../../ui/PasswordField';
import { useConfirmPasswordReset, useRequestPasswordReset } from './use-auth';
import { AuthLayout } from './AuthLayout';

const PasswordOnly = PasswordResetConfirmBody.pick({ password: true });

function BackToSignIn() {
  const { t } = useTranslation();
  return (
    <Text size="sm" ta="center">
      <Anchor component={Link} to="/sign-in">
        {t('auth.backToSignIn')}
      </Anchor>
    </Text>
  );
}

// "Forgot password": the answer is the same whether or not the e-mail has an account.
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useFormState({ email: '' });
  const send = useRequestPasswordReset({ onError: form.fail });
  return (
    <AuthLayout title={t('auth.forgotTitle')}>
      {send.isSuccess ? (
        <Stack>
          <Alert color="green" role="status">
            {t('auth.forgotSent')}
          </Alert>
          <BackToSignIn />
        </Stack>
      ) : (
        <form
          onSubmit={form.onSubmit(
            (values) => validate(PasswordResetRequestBody, { email: values.email.trim() }),
            (body) => send.mutate(body),
          )}
          noValidate
        >
          <Stack>
            <Text size="sm">{t('auth.forgotHint')}</Text>
            <FormAlert message={form.formError} />
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="email"
              required
              data-autofocus
              {...form.field('email')}
            />
            <Button type="submit" loading={send.isPending} fullWidth>
              {t('auth.forgotSend')}
            </Button>
            <BackToSignIn />
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

// The e-mailed link: /reset-password/:token sets a new password once; every session ends.
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const form = useFormState({ password: '' });
  const save = useConfirmPasswordReset({
    // A dead link is about the link, not a field the user can fix: one message on top.
    onError: (e) =>
      e instanceof ApiError && e.code !== 'request.invalid' && e.field === 'token'
        ? form.setFormError(errorMessage(e))
        : form.fail(e),
  });
  return (
    <AuthLayout title={t('auth.resetTitle')}>
      {save.isSuccess ? (
        <Stack>
          <Alert color="green" role="status">
            {t('auth.resetDone')}
          </Alert>
          <BackToSignIn />
        </Stack>
      ) : (
        <form
          onSubmit={form.onSubmit(
            (values) => validate(PasswordOnly, values),
            ({ password }) => save.mutate({ token, password }),
          )}
          noValidate
        >
          <Stack>
            <FormAlert message={form.formError} />
            <PasswordField
              toggleLabel={t('auth.showCharacters')}
              label={t('auth.newPassword')}
              description={t('auth.passwordRule')}
              autoComplete="new-password"
              required
              data-autofocus
              {...form.field('password')}
            />
            <Button type="submit" loading={save.isPending} fullWidth>
              {t('auth.resetSave')}
            </Button>
            <BackToSignIn />
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
