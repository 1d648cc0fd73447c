import { SignUpBody } from '@voronka/contract';
import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { validate } from '../../lib/form-errors';
import { currentLanguage } from '../../lib/i18n';
import { useFormState } from '../../lib/use-form-state';
import { FormAlert } from '../../ui/FormAlert';
import { PasswordField } from '../../ui/PasswordField';
import { AuthLayout } from './AuthLayout';
import { useAfterSignIn } from './use-after-sign-in';
import { useSignUp } from './use-auth';

export function SignUpPage() {
  const { t } = useTranslation();
  const form = useFormState({ name: '', email: '', password: '', companyName: '' });
  const signUp = useSignUp({ onSuccess: useAfterSignIn(), onError: form.fail });
  // The new workspace starts in the browser's language and time zone; both can be changed in its settings.
  const submit = form.onSubmit(
    (values) =>
      validate(SignUpBody, {
        ...values,
        locale: currentLanguage(),
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      }),
    (body) => signUp.mutate(body),
  );
  return (
    <AuthLayout title={t('auth.signUpTitle')}>
      <Text size="sm" c="dimmed">
        {t('auth.signUpHint')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput label={t('auth.name')} autoComplete="name" required {...form.field('name')} />
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            required
            {...form.field('email')}
          />
          <PasswordField
            toggleLabel={t('auth.showCharacters')}
            label={t('auth.password')}
            description={t('auth.passwordRule')}
            autoComplete="new-password"
            required
            {...form.field('password')}
          />
          <TextInput
            label={t('auth.companyName')}
            autoComplete="organization"
            required
            {...form.field('companyName')}
          />
          <Button type="submit" loading={signUp.isPending} fullWidth>
            {t('auth.signUp')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.haveAccount')}{' '}
            <Anchor component={Link} to="/sign-in">
              {t('auth.signInLink')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
