import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { checkCode, type Checked } from '../../lib/form-errors';
import { i18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { landingPath } from '../../lib/nav-rules';
import { useFormState } from '../../lib/use-form-state';
import { CodeField } from '../../ui/CodeField';
import { FormAlert } from '../../ui/FormAlert';
import { PasswordField } from '../../ui/PasswordField';
import { AuthLayout } from './AuthLayout';
import { useAfterSignIn } from './use-after-sign-in';
import { useSignIn, useTwoFactorSignIn } from './use-auth';

// Only same-site paths, so a crafted ?next= cannot send the user elsewhere.
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [step, setStep] = useState<'password' | 'code' | null>(null);
  const current = step ?? (session.data?.twoFactorRequired ? 'code' : 'password');

  if (session.data?.me && !session.data.twoFactorRequired && !session.data.twoFactorSetupRequired) {
    return <Navigate to={next === '/' ? landingPath(session.data.me) : next} replace />;
  }
  if (session.data?.twoFactorSetupRequired) return <Navigate to="/two-factor-setup" replace />;

  return (
    <AuthLayout title={t(current === 'code' ? 'auth.codeTitle' : 'auth.signInTitle')}>
      {current === 'code' ? (
        <CodeStep next={next} onBack={() => setStep('password')} />
      ) : (
        <PasswordStep next={next} onCodeNeeded={() => setStep('code')} />
      )}
    </AuthLayout>
  );
}

type Credentials = { email: string; password: string };

// Sign-in only asks that both are there; whether they are right is the server's to say.
function checkCredentials(values: Credentials): Checked<Credentials> {
  const email = values.email.trim();
  if (email && values.password) return { ok: true, data: { email, password: values.password } };
  const required = i18n.t('validation.required');
  return {
    ok: false,
    errors: {
      ...(email ? {} : { email: required }),
      ...(values.password ? {} : { password: required }),
    },
  };
}

function PasswordStep({ next, onCodeNeeded }: { next: string; onCodeNeeded: () => void }) {
  const { t } = useTranslation();
  const form = useFormState({ email: '', password: '' });
  const after = useAfterSignIn(next, onCodeNeeded);
  const signIn = useSignIn({ onSuccess: after, onError: form.fail });
  return (
    <form onSubmit={form.onSubmit(checkCredentials, (body) => signIn.mutate(body))} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
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
          autoComplete="current-password"
          required
          {...form.field('password')}
        />
        <Button type="submit" loading={signIn.isPending} fullWidth>
          {t('auth.signIn')}
        </Button>
        <Text size="sm" ta="center">
          <Anchor component={Link} to="/forgot-password">
            {t('auth.forgotLink')}
          </Anchor>
        </Text>
        <Text size="sm" ta="center">
          {t('auth.noAccount')}{' '}
          <Anchor component={Link} to="/sign-up">
            {t('auth.signUpLink')}
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}

function CodeStep({ next, onBack }: { next: string; onBack: () => void }) {
  const { t } = useTranslation();
  const form = useFormState({ code: '' });
  const after = useAfterSignIn(next);
  const verify = useTwoFactorSignIn({ onSuccess: after, onError: form.fail });
  return (
    <form onSubmit={form.onSubmit(checkCode, (code) => verify.mutate(code))} noValidate>
      <Stack>
        <Text size="sm">{t('auth.codeHint')}</Text>
        <FormAlert message={form.formError} />
        <CodeField label={t('auth.code')} maw={undefined} data-autofocus {...form.field('code')} />
        <Button type="submit" loading={verify.isPending} fullWidth>
          {t('auth.verify')}
        </Button>
        <Button variant="subtle" onClick={onBack}>
          {t('common.back')}
        </Button>
      </Stack>
    </form>
  );
}
